package io.greenhub.redis;

import org.jspecify.annotations.Nullable;

/**
 * One caller's record among the waiters of a primitive in Redis (see {@link Scripts}):
 * the id the scripts record it by when they find nothing for it, and whether they have. A
 * caller that does not wait has no id and is never recorded. Closing it removes a record
 * left behind, without waiting: the caller gave up, failed or was killed. Used by the
 * calling thread only.
 */
final class WaiterRecord implements AutoCloseable {

	private final GreenRedis redis;

	private final String key;

	private final boolean waits;

	// made at the first script that needs it: a take that finds an entry at once needs
	// none
	private @Nullable String id;

	private boolean recorded;

	private boolean served;

	/**
	 * Creates the record of one waiter, not yet written to Redis.
	 * @param key the sorted set of the primitive's waiters
	 * @param nanos how long the caller waits at most: 0 not at all
	 */
	WaiterRecord(GreenRedis redis, String key, long nanos) {
		this.redis = redis;
		this.key = key;
		this.waits = nanos != 0;
	}

	/**
	 * Creates the record of one waiter by an id of the caller's, not yet written to
	 * Redis.
	 * @param key the sorted set of the primitive's waiters
	 * @param nanos how long the caller waits at most: 0 not at all
	 * @param id an id unique among the primitive's waiters, unused if it does not wait
	 */
	WaiterRecord(GreenRedis redis, String key, long nanos, String id) {
		this(redis, key, nanos);
		this.id = id;
	}

	/** Whether the caller waits at all. */
	boolean waits() {
		return this.waits;
	}

	/** The id for the script: empty for a caller that does not wait. */
	String id() {
		if (!this.waits) {
			return "";
		}
		String id = this.id;
		if (id == null) {
			id = this.redis.nextId();
			this.id = id;
		}
		return id;
	}

	/**
	 * The waiter for a script that records it by an id of the caller's: "0" for a caller
	 * that does not wait, "1" for one not recorded yet, "2" for one recorded.
	 */
	String state() {
		return !this.waits ? "0" : this.recorded ? "2" : "1";
	}

	/** Whether a script has recorded the caller. */
	boolean recorded() {
		return this.recorded;
	}

	/** Whether the script is to remove a record when it serves the caller: "1" or "0". */
	String recordedFlag() {
		return this.recorded ? "1" : "0";
	}

	/** The script found nothing, and so recorded a caller that waits. */
	void notServed() {
		this.recorded = this.waits;
	}

	/** The script served the caller and removed its record. */
	void served() {
		this.served = true;
	}

	@Override
	public void close() {
		if (this.recorded && !this.served) {
			this.redis.calls().forget(this.key, id());
		}
	}

}
