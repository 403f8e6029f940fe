package io.greenhub.redis;

/**
 * One permit of a {@link RedisSemaphore}, held by the green thread that acquired it: a
 * lease in Redis that green-hub renews every third of the lease time while that thread
 * lives. Its fencing token grows with every grant of the semaphore, across all instances,
 * so a downstream that remembers the largest token it has seen can refuse the writes of a
 * holder whose lease expired while it was paused. Immutable but for {@link #isExpired()},
 * which the renewal thread sets, and the time by which the lease has surely run out if no
 * renewal came, which the renewal thread moves on.
 *
 * <p>
 * That time is on this instance's clock ({@link System#nanoTime()}), reckoned from when
 * the acquire or the renewal was sent: Redis granted or extended the lease after that, on
 * its own clock, so the lease runs out no sooner than the lease time after the sending. A
 * release past it reports the lease expired without asking Redis's clock; one before it
 * reports only a lease Redis no longer has. The two clocks need only run at the same
 * rate, not show the same time.
 */
public final class RedisLease implements AutoCloseable {

	private final RedisSemaphore semaphore;

	private final String id;

	private final long token;

	private final Thread holder;

	// Set by the renewal thread or by release, once; read by anyone.
	private volatile boolean expired;

	// The System.nanoTime() by which the lease has run out unless renewed: set by the
	// acquirer before the lease is shared, moved on by the renewal thread, read by the
	// releaser.
	private volatile long runsOutAt;

	RedisLease(RedisSemaphore semaphore, String id, long token, Thread holder, long runsOutAt) {
		this.semaphore = semaphore;
		this.id = id;
		this.token = token;
		this.holder = holder;
		this.runsOutAt = runsOutAt;
	}

	/**
	 * Returns the fencing token of this grant: larger than that of every grant before it.
	 * @return the token
	 */
	public long token() {
		return this.token;
	}

	/**
	 * Returns whether this instance has found the lease expired in Redis (its renewal
	 * failed, or came too late). Returns at once.
	 * @return whether the lease is known to have expired
	 */
	public boolean isExpired() {
		return this.expired;
	}

	/**
	 * Releases this permit: parks a green thread for one round trip.
	 * @throws LeaseExpiredException if the lease had expired before the release
	 */
	@Override
	public void close() {
		this.semaphore.release(this);
	}

	String id() {
		return this.id;
	}

	Thread holder() {
		return this.holder;
	}

	/**
	 * Records a renewal that Redis confirmed: sent at {@code runsOutAt} less the lease.
	 */
	void renewed(long runsOutAt) {
		this.runsOutAt = runsOutAt;
	}

	/**
	 * Answers whether the lease may have run out by the given {@link System#nanoTime()}.
	 */
	boolean mayHaveRunOut(long now) {
		return now - this.runsOutAt >= 0;
	}

	/**
	 * Marks the lease expired; answers whether it was not marked before.
	 */
	boolean expire() {
		if (this.expired) {
			return false;
		}
		this.expired = true;
		return true;
	}

	@Override
	public String toString() {
		return "lease " + this.token + " of semaphore '" + this.semaphore.name() + "' held by " + this.holder.getName();
	}

}
