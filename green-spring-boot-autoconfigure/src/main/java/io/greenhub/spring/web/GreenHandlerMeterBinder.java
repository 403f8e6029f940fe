package io.greenhub.spring.web;

import io.greenhub.spring.metrics.GreenMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the admission meters of {@code @GreenHandler} methods, read from the counters of
 * the {@link GreenRequestDispatcher} when the registry is read.
 *
 * <table class="striped">
 * <caption>Meters</caption>
 * <tr>
 * <th>name</th>
 * <th>type</th>
 * <th>tags</th>
 * <th>what</th>
 * </tr>
 * <tr>
 * <td>{@code green.handler.in.flight}</td>
 * <td>gauge</td>
 * <td></td>
 * <td>green handler requests admitted and not finished</td>
 * </tr>
 * <tr>
 * <td>{@code green.handler.rejected}</td>
 * <td>counter</td>
 * <td></td>
 * <td>requests answered 503 because {@code green.handler.max-in-flight} were in
 * flight</td>
 * </tr>
 * <tr>
 * <td>{@code green.handler.killed}</td>
 * <td>counter</td>
 * <td>reason: timeout, cancellation</td>
 * <td>handler green threads killed because {@code green.handler.timeout} passed, or
 * because the exchange was cancelled (the client went away)</td>
 * </tr>
 * </table>
 *
 * <p>
 * {@link #bindTo} runs once, on the thread that binds the registry. The
 * auto-configuration declares one unless the application declares a
 * {@code GreenHandlerMeterBinder} of its own.
 */
public final class GreenHandlerMeterBinder implements MeterBinder {

	private final GreenRequestDispatcher dispatcher;

	/**
	 * Creates the binder.
	 * @param dispatcher the dispatcher whose counters the meters read
	 */
	public GreenHandlerMeterBinder(GreenRequestDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(GreenMeters.HANDLER_IN_FLIGHT.getName(), this.dispatcher, GreenRequestDispatcher::inFlight)
			.description("Green handler requests admitted and not finished")
			.register(registry);
		FunctionCounter
			.builder(GreenMeters.HANDLER_REJECTED.getName(), this.dispatcher, GreenRequestDispatcher::rejectedCount)
			.description("Green handler requests rejected because green.handler.max-in-flight were in flight")
			.register(registry);
		FunctionCounter
			.builder(GreenMeters.HANDLER_KILLED.getName(), this.dispatcher, GreenRequestDispatcher::timedOutCount)
			.tag(GreenMeters.Keys.REASON.asString(), "timeout")
			.description("Green handlers killed, by reason")
			.register(registry);
		FunctionCounter
			.builder(GreenMeters.HANDLER_KILLED.getName(), this.dispatcher, GreenRequestDispatcher::cancelledCount)
			.tag(GreenMeters.Keys.REASON.asString(), "cancellation")
			.description("Green handlers killed, by reason")
			.register(registry);
	}

}
