package io.greenhub.redis;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain commands of a {@link RedisSemaphore}: a grant while this instance last saw
 * room, and every removal of a lease. A plain command costs Redis a fraction of a script
 * (about 1 µs against 8 to 10 µs for an EVALSHA with a few calls in it, measured with
 * {@code INFO commandstats} under the benchmark), and three of them in one write cost one
 * round trip still. Stateless but for the keys; used by any thread.
 *
 * <h2>A grant</h2> {@code ZADD holders <expiry> <id>} and {@code ZCARD holders}, in one
 * write: the lease is granted if the count, which includes it, is at most the permits,
 * and is removed again (as a release) if not. Other instances' commands may run between
 * the two, and it is safe all the same: of the holders granted at any moment, the one
 * whose count ran last counted every other (each was added before its own count, and is
 * still there), so they are at most the permits. A lease added and then removed only
 * makes the counts run between larger, so others look again or wait: never more holders.
 * An acquire by the script counts and adds in one step, the same as an add whose count
 * follows at once. The expiry is written by this instance ({@link RedisClock}) and is no
 * later than a lease after the grant by Redis's clock; it may be sooner by the
 * reckoning's uncertainty (under a quarter of the lease, else the script grants), and the
 * holder judges its lease to run out that much sooner too.
 *
 * <h2>The token</h2> A plain grant draws no fencing token: most holders never ask for
 * one, and a third command in every grant costs the connection's one event-loop thread
 * what each command does (its write, the decoding of its answer, its completion). The
 * holder's first {@link RedisLease#token()} draws it ({@link Scripts#FENCE}): INCR of the
 * counter, only if the lease is in the set and unexpired by Redis's clock. So a token is
 * drawn while its lease is held, and a holder that needed this lease gone was granted
 * after it ended, so after this draw, and draws a larger one; a lease that ended before
 * its draw gets none ({@link LeaseExpiredException}). The script's grant draws its token
 * at once, as before.
 *
 * <h2>A removal</h2> {@code ZREM holders <id>}, {@code ZCARD waiters}, in one write:
 * whether the lease was there, and whether anyone is recorded waiting. Only then does the
 * releaser send {@link Scripts#WAKE}, not waited for, which purges the records that
 * expired and publishes if one is left. No wake-up is lost: a waiter recorded before the
 * removal is counted by the ZCARD after it, and an acquire that runs after the removal
 * finds the permit.
 */
final class SemaphoreCommands {

	private static final Logger logger = LoggerFactory.getLogger(SemaphoreCommands.class);

	private final RedisCalls calls;

	private final RedisClock clock;

	private final int permits;

	private final long leaseNanos;

	private final long leaseMillis;

	private final byte[] holders;

	private final byte[] waiters;

	private final String[] waitersKey;

	private final String channel;

	// run after a removal that found waiters' records, on the releaser's thread or on
	// Lettuce's event loop
	private final Runnable wakeLocal;

	/**
	 * Creates the commands of one semaphore.
	 * @param keys holders, fence, waiters
	 * @param wakeLocal what wakes this instance's waiters
	 */
	SemaphoreCommands(GreenRedis redis, int permits, String[] keys, String channel, Runnable wakeLocal) {
		this.calls = redis.calls();
		this.clock = redis.clock();
		this.permits = permits;
		this.leaseNanos = redis.options().lease().toNanos();
		this.leaseMillis = redis.options().lease().toMillis();
		this.holders = bytes(keys[0]);
		this.waiters = bytes(keys[2]);
		this.waitersKey = new String[] { keys[2] };
		this.channel = channel;
		this.wakeLocal = wakeLocal;
	}

	/**
	 * Tries to grant the lease by plain commands: parks a green thread, blocks a platform
	 * thread, for one round trip; or returns null at once when Redis's clock is not
	 * reckoned to under a quarter of the lease. A grant refused has given its lease back,
	 * unwaited; so has a caller killed meanwhile.
	 * @param what the operation, for errors
	 * @param id the lease's id
	 * @return the grant, or null to let the script decide
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	@Nullable Grant grant(String what, String id) {
		long sent = System.nanoTime();
		RedisClock.Reckoning now = this.clock.at(sent, this.leaseNanos / 4);
		if (now == null) {
			return null;
		}
		CompletableFuture<long[]> grant = this.calls.pipeline()
			.add(CommandType.ZADD, this.holders, bytes(Long.toString(now.millis() + this.leaseMillis)), bytes(id))
			.add(CommandType.ZCARD, this.holders)
			.send();
		long[] answer;
		try {
			answer = Objects.requireNonNull(this.calls.await(what, grant));
		}
		catch (RuntimeException ex) {
			// a kill or a timeout may come after Redis added it
			giveBack(id);
			throw ex;
		}
		long held = answer[1];
		if (held > this.permits) {
			// full, or held so by leases that expired (the script purges them)
			giveBack(id);
			return new Grant(false, held - 1, 0);
		}
		// the lease may run out earlier by the reckoning's uncertainty, and by the
		// clocks' drift over the lease
		return new Grant(true, held,
				sent + this.leaseNanos - now.uncertainty() - (long) (this.leaseNanos * RedisClock.DRIFT));
	}

	/**
	 * Removes the lease, and publishes if someone waits (unwaited), or if the removal
	 * failed (Redis may have applied it): parks a green thread, blocks a platform thread,
	 * for one round trip.
	 * @param what the operation, for errors
	 * @param id the lease's id
	 * @return whether the lease was there still
	 * @throws io.greenhub.spi.StoreUnavailableException if Redis does not answer within
	 * the timeout
	 */
	boolean release(String what, String id) {
		long[] answer;
		try {
			answer = Objects.requireNonNull(this.calls.await(what, remove(id)));
		}
		catch (RuntimeException ex) {
			// Redis may have removed it all the same: the waiters must not miss that
			wake();
			throw ex;
		}
		if (answer[1] > 0) {
			wake();
		}
		return answer[0] == 1;
	}

	/**
	 * Removes a lease that may have been granted, and publishes if someone waits, without
	 * waiting: returns at once. A failure is only logged: the lease expires.
	 * @param id the lease's id
	 */
	void giveBack(String id) {
		this.calls.bounded(remove(id)).whenComplete((answer, ex) -> {
			if (ex != null) {
				logger.debug("Could not give back lease {} of {}; it expires", id, this.channel, ex);
				// Redis may have removed it all the same
				wake();
			}
			else if (answer[1] > 0) {
				wake();
			}
		});
	}

	// ZREM holders <id>, ZCARD waiters: {removed, waiters' records}
	private CompletableFuture<long[]> remove(String id) {
		return this.calls.pipeline()
			.add(CommandType.ZREM, this.holders, bytes(id))
			.add(CommandType.ZCARD, this.waiters)
			.send();
	}

	// Publishes for the other instances' waiters (WAKE, unwaited: a failure leaves them
	// to look again on their timers), and wakes this instance's.
	private void wake() {
		this.calls.send(Scripts.WAKE, this.waitersKey, this.channel).whenComplete((woken, ex) -> {
			if (ex != null) {
				logger.debug("Could not publish a release on {}; its waiters look again on their timers", this.channel,
						ex);
			}
		});
		this.wakeLocal.run();
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The outcome of a plain grant.
	 *
	 * @param granted whether the lease was granted
	 * @param held the leases in the set, this one's counted if granted, not if refused
	 * @param runsOutAt the {@link System#nanoTime()} by which the lease has surely run
	 * out unless renewed
	 */
	record Grant(boolean granted, long held, long runsOutAt) {
	}

}
