package io.greenhub.redis;

/**
 * One caller's record among the waiters of a primitive in Redis (see {@link Scripts}):
 * the id the scripts record it by when they find nothing for it, and whether they have. A
 * caller that does not wait has no id and is never recorded. Closing it removes a record
 * left behind, without waiting: the caller gave up, failed or was killed. Used by the
 * calling thread only.
 */
final class WaiterRecord implements AutoCloseable {

	private final RedisCalls calls;

	private final String key;

	private final String id;

	private boolean recorded;

	private boolean served;

	/**
	 * Creates the record of one waiter, not yet written to Redis.
	 * @param key the sorted set of the primitive's waiters
	 * @param nanos how long the caller waits at most: 0 not at all
	 */
	WaiterRecord(GreenRedis redis, String key, long nanos) {
		this.calls = redis.calls();
		this.key = key;
		this.id = (nanos == 0) ? "" : redis.nextId();
	}

	/** The id for the script: empty for a caller that does not wait. */
	String id() {
		return this.id;
	}

	/** Whether the script is to remove a record when it serves the caller: "1" or "0". */
	String recordedFlag() {
		return this.recorded ? "1" : "0";
	}

	/** The script found nothing, and so recorded a caller that waits. */
	void notServed() {
		this.recorded = !this.id.isEmpty();
	}

	/** The script served the caller and removed its record. */
	void served() {
		this.served = true;
	}

	@Override
	public void close() {
		if (this.recorded && !this.served) {
			this.calls.forget(this.key, this.id);
		}
	}

}
