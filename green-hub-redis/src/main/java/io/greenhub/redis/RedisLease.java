package io.greenhub.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One permit of a {@link RedisSemaphore}, held by the green thread that acquired it: a
 * lease in Redis that green-hub renews every third of the lease time while that thread
 * lives. Its fencing token, drawn while the lease is held, is larger than that of every
 * grant of the semaphore whose lease ended before, across all instances, so a downstream
 * that remembers the largest token it has seen can refuse the writes of a holder whose
 * lease expired while it was paused. Immutable but for its token (drawn once, see
 * {@link #token()}), {@link #isExpired()}, which the renewal thread sets, and the time by
 * which the lease has surely run out if no renewal came, which the renewal thread moves
 * on.
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

	// 0 until drawn: set by the acquirer (a grant by the script) or by the first call of
	// token() (a plain grant); read by anyone.
	private final AtomicLong token;

	private final Thread holder;

	// Set once, by the renewal thread, the releaser or the token's first draw; read by
	// anyone.
	private final AtomicBoolean expired = new AtomicBoolean();

	// Set once, by the releaser; read by a draw of the token.
	private volatile boolean released;

	// The System.nanoTime() by which the lease has run out unless renewed: set by the
	// acquirer before the lease is shared, moved on by the renewal thread, read by the
	// releaser.
	private volatile long runsOutAt;

	RedisLease(RedisSemaphore semaphore, String id, long token, Thread holder, long runsOutAt) {
		this.semaphore = semaphore;
		this.id = id;
		this.token = new AtomicLong(token);
		this.holder = holder;
		this.runsOutAt = runsOutAt;
	}

	/**
	 * Returns the fencing token of this grant: larger than that of every grant whose
	 * lease ended before this one's token was drawn. A grant by plain commands (an
	 * acquire that found room) draws none: the first call draws it, only if the lease is
	 * held still in Redis, and parks a green thread (blocks a platform thread) for that
	 * round trip; a grant that waited, and every call after the first, returns at once. A
	 * holder that guards a downstream with the token asks for it before its first write
	 * there.
	 * @return the token
	 * @throws LeaseExpiredException if the lease had ended in Redis before its token was
	 * drawn
	 * @throws IllegalStateException if it was released before its token was drawn
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	public long token() {
		long token = this.token.get();
		if (token != 0) {
			return token;
		}
		if (this.released) {
			throw new IllegalStateException("The " + this + " was released before its fencing token was drawn");
		}
		// two threads that ask at once may both draw: the first stored is the token, the
		// other leaves a gap
		this.token.compareAndSet(0, this.semaphore.leases.drawToken(this));
		return this.token.get();
	}

	/**
	 * Returns whether this instance has found the lease expired in Redis (its renewal
	 * failed, or came too late). Returns at once.
	 * @return whether the lease is known to have expired
	 */
	public boolean isExpired() {
		return this.expired.get();
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

	/** Records the release, before its removal is sent. */
	void released() {
		this.released = true;
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
		return this.expired.compareAndSet(false, true);
	}

	@Override
	public String toString() {
		long token = this.token.get();
		return "lease " + ((token != 0) ? token : this.id) + " of semaphore '" + this.semaphore.name() + "' held by "
				+ this.holder.getName();
	}

}
