package io.greenhub.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases one instance holds of a {@link RedisSemaphore}, oldest first, and their
 * renewal: every third of the lease, the renewal thread extends in one script the leases
 * of every holder thread still alive, and drops those of holders that ended (their leases
 * expire in Redis). Counts the renewals and the leases found expired. Added to by
 * acquirers, removed from by releasers and by the renewal thread.
 */
final class Leases {

	private static final Logger logger = LoggerFactory.getLogger(Leases.class);

	private final GreenRedis redis;

	private final String semaphore;

	private final String[] holdersKey;

	// holders, fence
	private final String[] fenceKeys;

	private final String drawWhat;

	private final long leaseNanos;

	private final String leaseArg;

	// Leases of this instance not yet released, oldest first.
	private final ConcurrentLinkedDeque<RedisLease> held = new ConcurrentLinkedDeque<>();

	private final LongAdder renewals = new LongAdder();

	private final LongAdder expiries = new LongAdder();

	/**
	 * Creates the leases of one semaphore.
	 * @param keys holders, fence, waiters
	 */
	Leases(GreenRedis redis, String semaphore, String[] keys) {
		this.redis = redis;
		this.semaphore = semaphore;
		this.holdersKey = new String[] { keys[0] };
		this.fenceKeys = new String[] { keys[0], keys[1] };
		this.drawWhat = "fencing token of semaphore '" + semaphore + "'";
		Duration lease = redis.options().lease();
		this.leaseNanos = lease.toNanos();
		this.leaseArg = String.valueOf(lease.toMillis());
		redis.every(Duration.ofMillis(Math.max(1, lease.toMillis() / 3)), this::renew);
	}

	/** The lease time in nanoseconds. */
	long leaseNanos() {
		return this.leaseNanos;
	}

	void add(RedisLease lease) {
		this.held.add(lease);
	}

	/** Removes the lease; answers whether it was held still. */
	boolean remove(RedisLease lease) {
		return this.held.remove(lease);
	}

	/** The latest lease the calling thread holds. */
	Optional<RedisLease> current() {
		return Optional.ofNullable(currentOrNull());
	}

	private @Nullable RedisLease currentOrNull() {
		Thread me = Thread.currentThread();
		for (Iterator<RedisLease> it = this.held.descendingIterator(); it.hasNext();) {
			RedisLease lease = it.next();
			if (lease.holder() == me) {
				return lease;
			}
		}
		return null;
	}

	/**
	 * The lease a release without one gives back: the calling thread's latest, else this
	 * instance's oldest, else null.
	 */
	@Nullable RedisLease forRelease() {
		RedisLease lease = currentOrNull();
		return (lease != null) ? lease : this.held.peekFirst();
	}

	/** Counts the lease expired, once. */
	void expired(RedisLease lease) {
		if (lease.expire()) {
			this.expiries.increment();
		}
	}

	/**
	 * Draws the fencing token of a lease granted by plain commands
	 * ({@link Scripts#FENCE}): parks a green thread, blocks a platform thread, for one
	 * round trip.
	 * @throws LeaseExpiredException if the lease had ended in Redis (counted expired)
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	long drawToken(RedisLease lease) {
		long token = RedisCalls
			.asLong(this.redis.calls().call(this.drawWhat, Scripts.FENCE, this.fenceKeys, lease.id()).get(0));
		if (token == 0) {
			expired(lease);
			throw new LeaseExpiredException("The " + lease + " had expired before its fencing token was drawn: another "
					+ "holder may have the permit (lease " + this.redis.options().lease() + ", green.redis.lease)");
		}
		return token;
	}

	int size() {
		return this.held.size();
	}

	long renewals() {
		return this.renewals.sum();
	}

	long expiries() {
		return this.expiries.sum();
	}

	// On the renewal thread: extends the leases of living holders, drops those of ended
	// ones.
	private void renew() {
		List<RedisLease> renewing = new ArrayList<>();
		for (RedisLease lease : this.held) {
			if (lease.holder().isAlive()) {
				renewing.add(lease);
			}
			else if (this.held.remove(lease)) {
				logger.warn("The {} ended without releasing it; it is no longer renewed and expires within {}", lease,
						this.redis.options().lease());
			}
		}
		if (renewing.isEmpty()) {
			return;
		}
		String[] args = new String[renewing.size() + 1];
		args[0] = this.leaseArg;
		for (int i = 0; i < renewing.size(); i++) {
			args[i + 1] = renewing.get(i).id();
		}
		long sent = System.nanoTime();
		this.redis.calls().send(Scripts.RENEW, this.holdersKey, args).whenComplete((answer, ex) -> {
			if (ex != null) {
				logger.debug("Renewal of semaphore '{}' failed; it is tried again in {}", this.semaphore,
						this.redis.options().lease().dividedBy(3), ex);
				return;
			}
			for (int i = 0; i < renewing.size(); i++) {
				RedisLease lease = renewing.get(i);
				if (RedisCalls.asLong(answer.get(i)) == 1) {
					lease.renewed(sent + this.leaseNanos);
					this.renewals.increment();
				}
				else if (lease.expire()) {
					this.expiries.increment();
					logger.warn("The {} expired before it could be renewed", lease);
				}
			}
		});
	}

}
