package io.greenhub.spring.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * Every meter green-hub registers, for Micrometer's documentation tooling and for code
 * that looks meters up by name. The binders register them by these names, and a test
 * holds {@code docs/observability.md} to listing each of them.
 */
public enum GreenMeters implements MeterDocumentation {

	/** Green threads of a hub that have not finished. */
	THREADS_ALIVE("green.threads.alive", Meter.Type.GAUGE, Keys.HUB),

	/** Green threads spawned on a hub. */
	THREADS_SPAWNED("green.threads.spawned", Meter.Type.COUNTER, Keys.HUB),

	/** Green threads of a hub that finished, by outcome: success, error or killed. */
	THREADS_COMPLETED("green.threads.completed", Meter.Type.COUNTER, Keys.HUB, Keys.OUTCOME),

	/**
	 * Green threads of a hub killed as children: their owner ended by an exception (a
	 * cancelled or timed-out request's handler, say) or their scope killed them.
	 */
	THREADS_CHILDREN_KILLED("green.threads.children.killed", Meter.Type.COUNTER, Keys.HUB),

	/** Sampled time from a green thread of a hub becoming runnable to it running. */
	HUB_LAG("green.hub.lag", Meter.Type.TIMER, Keys.HUB),

	/** Stalls of a hub's event loop reported by blocking detection. */
	HUB_STALLS("green.hub.stalls", Meter.Type.COUNTER, Keys.HUB),

	/** Total length, in seconds, of a hub's reported stalls that have ended. */
	HUB_STALL_TIME("green.hub.stall.time", Meter.Type.COUNTER, Keys.HUB),

	/** Parks of 20 ms or more of a hub's green threads pinned to their carrier. */
	HUB_PINNED_PARKS("green.hub.pinned.parks", Meter.Type.COUNTER, Keys.HUB),

	/** Items held by a named queue (for a Redis queue, as last seen by this instance). */
	QUEUE_SIZE("green.queue.size", Meter.Type.GAUGE, Keys.NAME, Keys.STORE),

	/** The most items a named queue holds. */
	QUEUE_CAPACITY("green.queue.capacity", Meter.Type.GAUGE, Keys.NAME, Keys.STORE),

	/** Entries of a Redis queue this instance took that had been delivered before. */
	QUEUE_REDELIVERIES("green.queue.redeliveries", Meter.Type.COUNTER, Keys.NAME, Keys.STORE),

	/**
	 * Entries of a Redis queue moved to its dead-letter stream by this instance's takes.
	 */
	QUEUE_DEAD_LETTERS("green.queue.dead.letters", Meter.Type.COUNTER, Keys.NAME, Keys.STORE),

	/**
	 * Entries of a Redis queue this instance marked done after another consumer had
	 * acknowledged them.
	 */
	QUEUE_LATE_ACKNOWLEDGEMENTS("green.queue.late.acknowledgements", Meter.Type.COUNTER, Keys.NAME, Keys.STORE),

	/**
	 * Available permits of a named semaphore (for a Redis semaphore, as last seen by this
	 * instance).
	 */
	SEMAPHORE_PERMITS("green.semaphore.permits", Meter.Type.GAUGE, Keys.NAME, Keys.STORE),

	/** Threads waiting on a named semaphore (for a Redis semaphore, this instance's). */
	SEMAPHORE_WAITERS("green.semaphore.waiters", Meter.Type.GAUGE, Keys.NAME, Keys.STORE),

	/** Lease renewals of a Redis semaphore's permits held by this instance. */
	SEMAPHORE_LEASE_RENEWALS("green.semaphore.lease.renewals", Meter.Type.COUNTER, Keys.NAME, Keys.STORE),

	/**
	 * Leases of a Redis semaphore held by this instance that expired before their
	 * release.
	 */
	SEMAPHORE_LEASE_EXPIRIES("green.semaphore.lease.expiries", Meter.Type.COUNTER, Keys.NAME, Keys.STORE),

	/**
	 * 1 once a named event has been sent, else 0 (for a Redis event, as last seen by this
	 * instance).
	 */
	EVENT_READY("green.event.ready", Meter.Type.GAUGE, Keys.NAME, Keys.STORE),

	/** Green handler requests admitted and not finished. */
	HANDLER_IN_FLIGHT("green.handler.in.flight", Meter.Type.GAUGE),

	/**
	 * Requests refused with 503 because {@code green.handler.max-in-flight} were in
	 * flight.
	 */
	HANDLER_REJECTED("green.handler.rejected", Meter.Type.COUNTER),

	/** Green handlers killed, because the timeout passed or the client went away. */
	HANDLER_KILLED("green.handler.killed", Meter.Type.COUNTER, Keys.REASON),

	/** Green WebSocket sessions admitted and not ended. */
	WEBSOCKET_SESSIONS_ACTIVE("green.websocket.sessions.active", Meter.Type.GAUGE),

	/**
	 * WebSocket upgrades refused with 503 because {@code green.websocket.max-sessions}
	 * were open.
	 */
	WEBSOCKET_SESSIONS_REJECTED("green.websocket.sessions.rejected", Meter.Type.COUNTER),

	/** Messages received and sent by the handlers of green WebSocket sessions. */
	WEBSOCKET_MESSAGES("green.websocket.messages", Meter.Type.COUNTER, Keys.DIRECTION);

	private final String name;

	private final Meter.Type type;

	private final KeyName[] keys;

	GreenMeters(String name, Meter.Type type, KeyName... keys) {
		this.name = name;
		this.type = type;
		this.keys = keys;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Meter.Type getType() {
		return this.type;
	}

	@Override
	public KeyName[] getKeyNames() {
		return this.keys.clone();
	}

	/**
	 * The tags of green-hub's meters.
	 */
	public enum Keys implements KeyName {

		/** The hub's name, {@code <group>-<index>}. */
		HUB("hub"),

		/** How a green thread ended: {@code success}, {@code error} or {@code killed}. */
		OUTCOME("outcome"),

		/** The bean name of a named primitive. */
		NAME("name"),

		/** Where a named primitive's state lives: {@code local} or {@code redis}. */
		STORE("store"),

		/** Why a green handler was killed: {@code timeout} or {@code cancellation}. */
		REASON("reason"),

		/** Which way a WebSocket message went: {@code received} or {@code sent}. */
		DIRECTION("direction");

		private final String key;

		Keys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
