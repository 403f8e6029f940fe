package io.greenhub.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenKilledException;
import io.greenhub.spi.SemaphoreStore;
import io.greenhub.spi.StoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The store of a {@link io.greenhub.primitives.GreenSemaphore} shared by every instance
 * on one Redis: at most {@code permits} holders across all of them at once.
 *
 * <h2>Model</h2> A permit is a lease: a member of a sorted set scored by its expiry on
 * Redis's clock, with a fencing token (INCR of a counter that only grows). While this
 * instance last saw room and reckons Redis's clock ({@link RedisClock}), an acquire is
 * two plain commands in one write, its token drawn only when asked for, and a release two
 * (see {@link SemaphoreCommands}); an acquire that finds the semaphore full, or waits,
 * runs a script that counts, purges and records in one step. The daemon renewal thread
 * extends every lease whose holder thread is alive every third of the lease; a lease
 * whose holder thread has ended, or whose instance died, is no longer renewed and
 * expires, and the next acquire anywhere that would find the semaphore full removes it
 * (below the permits an expired lease stands in no one's way, and an acquire that finds
 * room does not look for them). A release finds the calling thread's latest lease, or
 * this instance's oldest when the thread holds none, and removes it, reading no clock:
 * whether the lease had run out by then this instance judges by its own (see
 * {@link RedisLease}).
 *
 * <h2>Waiting</h2> A waiter parks its green thread until a release is published on the
 * semaphore's channel, or until the earliest lease could expire (the one timer it sets: a
 * lease that expires publishes nothing), or until its own time is up; then it tries
 * again. The acquire that finds no permit records the waiter in Redis (a sorted set
 * scored by when the record expires: a lease past the first lease's expiry, so past its
 * longest park), and a release publishes (a script, sent after its removal found a
 * record, not waited for) only while such a record is there, so an uncontended acquire
 * and release cost two round trips, no script and no message; a waiter that crashed is
 * purged when its record expires. All of this instance's waiters wake on a release and
 * race for the permit with the other instances' waiters: there is no fair order across
 * instances.
 *
 * <h2>Failures</h2> Each round trip is bounded by {@code timeout}; past it, or with Redis
 * unreachable, the operation throws {@link StoreUnavailableException}. A waiter killed,
 * or failed so, while its acquire was in flight gives back the lease it may have been
 * granted. A release of a lease that had expired throws {@link LeaseExpiredException} and
 * is counted in {@link #expiries()}.
 */
public final class RedisSemaphore implements SemaphoreStore {

	private final GreenRedis redis;

	private final String name;

	private final int permits;

	// holders, fence, waiters
	private final String[] keys;

	private final SemaphoreCommands commands;

	private final String permitsArg;

	private final String leaseArg;

	private final String acquireWhat;

	private final String releaseWhat;

	private final String channel;

	private final Signal released;

	// read by RedisLease too, which draws its token through it
	final Leases leases;

	private final AtomicInteger waiting = new AtomicInteger();

	// Written after each answer from Redis (counted by an acquire, the expired leases
	// below the permits included, one added by a release); read by gauges.
	private volatile int available;

	RedisSemaphore(GreenRedis redis, String name, int permits) {
		this.redis = redis;
		this.name = Objects.requireNonNull(name, "name");
		if (permits < 1) {
			throw new IllegalArgumentException(
					"Semaphore '" + name + "' on Redis needs at least 1 permit, was: " + permits);
		}
		this.permits = permits;
		this.available = permits;
		this.keys = new String[] { redis.key("semaphore", name, "holders"), redis.key("semaphore", name, "fence"),
				redis.key("semaphore", name, "waiters") };
		this.channel = redis.key("semaphore", name, "released");
		this.commands = new SemaphoreCommands(redis, permits, this.keys, this.channel, this::wakeWaiters);
		this.permitsArg = String.valueOf(permits);
		this.leaseArg = String.valueOf(redis.options().lease().toMillis());
		this.acquireWhat = "acquire of semaphore '" + name + "'";
		this.releaseWhat = "release of semaphore '" + name + "'";
		this.released = redis.subscribe(this.channel);
		this.leases = new Leases(redis, name, this.keys);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String store() {
		return "redis";
	}

	@Override
	public boolean acquire(long nanos) {
		return lease(nanos) != null;
	}

	/**
	 * Takes a permit, waiting until one is available, and returns its lease: parks a
	 * green thread.
	 * @return the lease (its fencing token drawn now, or at its first
	 * {@link RedisLease#token()})
	 * @throws StoreUnavailableException if Redis does not answer within the timeout
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 */
	public RedisLease acquireLease() {
		return Objects.requireNonNull(lease(-1));
	}

	/**
	 * Takes a permit, waiting at most the given time, and returns its lease: parks a
	 * green thread.
	 * @param timeout how long to wait at most
	 * @return the lease, or empty if none was granted in time
	 * @throws StoreUnavailableException if Redis does not answer within the timeout
	 */
	public Optional<RedisLease> tryAcquireLease(Duration timeout) {
		return Optional.ofNullable(lease(Math.max(0, timeout.toNanos())));
	}

	/**
	 * Returns the latest lease the calling thread holds. Returns at once.
	 * @return the lease, or empty if the thread holds none
	 */
	public Optional<RedisLease> currentLease() {
		return this.leases.current();
	}

	private @Nullable RedisLease lease(long nanos) {
		long deadline = System.nanoTime() + nanos;
		// one id for the lease of every attempt (one that fails grants nothing) and for
		// the waiter's record
		String id = this.redis.nextId();
		if (this.available > 0) {
			RedisLease lease = grantPlainly(id);
			if (lease != null) {
				return lease;
			}
		}
		// a caller that waits is recorded in Redis by the attempt that fails, so releases
		// publish
		try (WaiterRecord waiter = new WaiterRecord(this.redis, this.keys[2], nanos, id)) {
			for (;;) {
				CompletableFuture<Void> wake = this.released.next();
				// Redis grants the lease after this, on its clock: it runs out no sooner
				// than a lease after it
				long sent = System.nanoTime();
				List<Object> answer;
				try {
					answer = this.redis.calls()
						.call(this.acquireWhat, Scripts.ACQUIRE, this.keys, this.permitsArg, this.leaseArg, id,
								waiter.state());
				}
				catch (RuntimeException ex) {
					// a kill or a timeout may come after Redis granted it: give it back,
					// unwaited
					this.commands.giveBack(id);
					throw ex;
				}
				this.available = this.permits - (int) RedisCalls.asLong(answer.get(1));
				long token = RedisCalls.asLong(answer.get(0));
				if (token != 0) {
					waiter.served();
					RedisLease lease = new RedisLease(this, id, token, Thread.currentThread(),
							sent + this.leases.leaseNanos());
					this.leases.add(lease);
					return lease;
				}
				waiter.notServed();
				long untilExpiry = Math.max(1, RedisCalls.asLong(answer.get(3)) + 1) * 1_000_000L;
				if (!Waits.awaitWake(wake, nanos, deadline, untilExpiry, this.waiting)) {
					return null;
				}
			}
		}
	}

	// The first attempt of an acquire while this instance last saw room: plain commands.
	// Null if they found the semaphore full or Redis's clock is not reckoned: the script
	// decides then.
	private @Nullable RedisLease grantPlainly(String id) {
		SemaphoreCommands.Grant grant = this.commands.grant(this.acquireWhat, id);
		if (grant == null) {
			return null;
		}
		this.available = this.permits - (int) grant.held();
		if (!grant.granted()) {
			return null;
		}
		// its token is drawn when asked for
		RedisLease lease = new RedisLease(this, id, 0, Thread.currentThread(), grant.runsOutAt());
		this.leases.add(lease);
		return lease;
	}

	@Override
	public void release() {
		RedisLease lease = this.leases.forRelease();
		if (lease == null) {
			throw new IllegalStateException("Semaphore '" + this.name
					+ "' has no permit held by this instance to release; " + "a release without an acquire?");
		}
		release(lease);
	}

	void release(RedisLease lease) {
		if (!this.leases.remove(lease)) {
			throw new IllegalStateException("The " + lease + " was released already");
		}
		lease.released();
		boolean removed = this.commands.release(this.releaseWhat, lease.id());
		// the release does not count the holders left: one more is available than at the
		// last count
		this.available = Math.min(this.permits, this.available + 1);
		if (!removed || lease.isExpired() || lease.mayHaveRunOut(System.nanoTime())) {
			this.leases.expired(lease);
			throw new LeaseExpiredException("The " + lease + " had expired before its release: another holder may "
					+ "have had the permit meanwhile (lease " + this.redis.options().lease() + ", green.redis.lease)");
		}
	}

	// After a removal that found waiters' records: this instance's waiters need not wait
	// for the message. On the releaser's thread, or on Lettuce's event loop.
	private void wakeWaiters() {
		if (this.waiting.get() > 0) {
			this.released.fire();
		}
	}

	@Override
	public int availablePermits() {
		return Math.max(0, this.available);
	}

	@Override
	public int waiters() {
		return this.waiting.get();
	}

	@Override
	public boolean isBounded() {
		return true;
	}

	/**
	 * Returns the most holders at once across all instances.
	 * @return the permits
	 */
	public int permits() {
		return this.permits;
	}

	/**
	 * Returns how many times this instance renewed a lease.
	 * @return the number of renewals
	 */
	public long renewals() {
		return this.leases.renewals();
	}

	/**
	 * Returns how many of this instance's leases expired before their release.
	 * @return the number of expiries
	 */
	public long expiries() {
		return this.leases.expiries();
	}

	@Override
	public String toString() {
		return "RedisSemaphore '" + this.name + "' (" + this.permits + " permits, " + this.leases.size()
				+ " held here)";
	}

}
