package io.greenhub.reliability;

import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.greenhub.primitives.GreenSemaphore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * What a run may leave behind, read from the hub's own counts: green threads alive,
 * channels open on the hubs' event loops, permits of the {@code db} semaphore, green
 * handlers in flight.
 *
 * @param alive green threads not finished
 * @param openChannels channels open on the hubs' event loops (accepted connections:
 * Reactor Netty's clients and listening sockets are not counted)
 * @param permits available permits of the {@code db} semaphore
 * @param inFlight green handlers in flight
 */
record Leftovers(int alive, int openChannels, int permits, int inFlight) {

	/** How long leftovers may take to go once the clients are done. */
	static final Duration SETTLE = Duration.ofSeconds(20);

	static Leftovers of(ApplicationContext context) {
		GreenHubGroup hubs = context.getBean(GreenHubGroup.class);
		GreenSemaphore db = context.getBean("db", GreenSemaphore.class);
		Gauge inFlight = context.getBean(MeterRegistry.class).find("green.handler.in.flight").gauge();
		return new Leftovers(hubs.alive(), hubs.openChannels(), db.availablePermits(),
				(inFlight != null) ? (int) inFlight.value() : 0);
	}

	/**
	 * Waits, at most {@link #SETTLE}, until the counts are back to these; fails naming
	 * what is left.
	 * @param context the application
	 * @return the counts as they came back
	 */
	Leftovers awaitBack(ApplicationContext context) {
		await("green threads, channels, permits and handlers back to " + this).atMost(SETTLE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> of(context), this::equals);
		return of(context);
	}

}
