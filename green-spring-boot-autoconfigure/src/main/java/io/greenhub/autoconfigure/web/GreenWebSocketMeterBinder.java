package io.greenhub.autoconfigure.web;

import io.greenhub.spring.metrics.GreenMeters;
import io.greenhub.spring.web.socket.GreenWebSocketHandlerAdapter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the meters of green WebSocket sessions, read from the counters of the
 * {@link GreenWebSocketHandlerAdapter} when the registry is read.
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
 * <td>{@code green.websocket.sessions.active}</td>
 * <td>gauge</td>
 * <td></td>
 * <td>green WebSocket sessions admitted and not ended</td>
 * </tr>
 * <tr>
 * <td>{@code green.websocket.sessions.rejected}</td>
 * <td>counter</td>
 * <td></td>
 * <td>upgrades answered 503 because {@code green.websocket.max-sessions} sessions were
 * open</td>
 * </tr>
 * <tr>
 * <td>{@code green.websocket.messages}</td>
 * <td>counter</td>
 * <td>direction: received, sent</td>
 * <td>messages the sessions' handlers received and sent</td>
 * </tr>
 * </table>
 */
final class GreenWebSocketMeterBinder implements MeterBinder {

	private final GreenWebSocketHandlerAdapter adapter;

	GreenWebSocketMeterBinder(GreenWebSocketHandlerAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge
			.builder(GreenMeters.WEBSOCKET_SESSIONS_ACTIVE.getName(), this.adapter,
					GreenWebSocketHandlerAdapter::activeSessions)
			.description("Green WebSocket sessions admitted and not ended")
			.register(registry);
		FunctionCounter
			.builder(GreenMeters.WEBSOCKET_SESSIONS_REJECTED.getName(), this.adapter,
					GreenWebSocketHandlerAdapter::rejectedCount)
			.description("WebSocket upgrades rejected because green.websocket.max-sessions sessions were open")
			.register(registry);
		FunctionCounter
			.builder(GreenMeters.WEBSOCKET_MESSAGES.getName(), this.adapter,
					GreenWebSocketHandlerAdapter::receivedCount)
			.tag(GreenMeters.Keys.DIRECTION.asString(), "received")
			.description("Messages of green WebSocket sessions, by direction")
			.register(registry);
		FunctionCounter
			.builder(GreenMeters.WEBSOCKET_MESSAGES.getName(), this.adapter, GreenWebSocketHandlerAdapter::sentCount)
			.tag(GreenMeters.Keys.DIRECTION.asString(), "sent")
			.description("Messages of green WebSocket sessions, by direction")
			.register(registry);
	}

}
