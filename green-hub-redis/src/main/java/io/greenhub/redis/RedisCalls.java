package io.greenhub.redis;

import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.greenhub.Green;
import io.greenhub.spi.StoreUnavailableException;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs the scripts on one shared Lettuce connection, each round trip bounded by the
 * options' timeout, and waits for them with
 * {@link Green#blockOn(java.util.concurrent.CompletionStage)}: a green thread parks, no
 * event loop is held. Shared by every primitive of one {@link GreenRedis}; stateless but
 * for the connection.
 *
 * <h2>Costs</h2> A call is one command on Lettuce's asynchronous API, whose future is the
 * one the caller waits for: no Reactor operators, and no scheduler. The bound is a task
 * on the client's own {@link Timer} (Lettuce's hashed wheel, whose thread ticks anyway):
 * arming and cancelling it appends to a queue and wakes no thread, where a Reactor
 * {@code timeout} would schedule on {@code Schedulers.parallel()} and wake one of its
 * threads for every command. The wheel's tick (100 ms by default) makes the bound that
 * much coarser. Lettuce's own command timeout (on by default, the URI's 60 s) is the
 * application's setting, so it cannot be the bound; {@link GreenRedis} turns it off on
 * its own connection, where it would be a second timer per command. A command that times
 * out is completed exceptionally: one not written yet (Redis unreachable) never is.
 */
final class RedisCalls {

	private static final Logger logger = LoggerFactory.getLogger(RedisCalls.class);

	private final RedisAsyncCommands<String, String> commands;

	private final StatefulRedisConnection<String, String> connection;

	private final Timer timer;

	private final Duration timeout;

	private final long timeoutNanos;

	RedisCalls(StatefulRedisConnection<String, String> connection, Timer timer, Duration timeout) {
		this.commands = connection.async();
		this.connection = connection;
		this.timer = timer;
		this.timeout = timeout;
		this.timeoutNanos = timeout.toNanos();
	}

	/**
	 * Runs the script and waits for its answer: parks a green thread, blocks a platform
	 * thread. EVALSHA, then EVAL if Redis does not know the script (after a restart): a
	 * second round trip then only. Killing the waiting thread cancels the command if
	 * Lettuce has not written it yet.
	 * @throws StoreUnavailableException if Redis did not answer in time or could not be
	 * reached
	 */
	List<Object> call(String what, Scripts.Script script, String[] keys, String... args) {
		List<Object> answer;
		try {
			answer = await(what, evalsha(script, keys, args));
		}
		catch (NoScript unknown) {
			answer = await(what, eval(script, keys, args));
		}
		if (answer == null) {
			throw new IllegalStateException(what + ": Redis gave no answer to the script");
		}
		return answer;
	}

	/**
	 * Sends the script without waiting: the future completes on Lettuce's event loop with
	 * the answer, or on the timer's thread with a {@link TimeoutException} once the
	 * timeout has passed.
	 */
	CompletableFuture<List<Object>> send(Scripts.Script script, String[] keys, String... args) {
		CompletableFuture<List<Object>> bySha = bounded(evalsha(script, keys, args));
		return bySha.exceptionallyCompose((ex) -> (unwrap(ex) instanceof RedisNoScriptException)
				? bounded(eval(script, keys, args)) : CompletableFuture.failedFuture(ex));
	}

	/**
	 * Loads every script into Redis's script cache, waiting at most the timeout for each:
	 * parks a green thread, blocks a platform thread. Called when green-hub connects, so
	 * that no call depends on a first EVALSHA's NOSCRIPT (which a paused Redis answers
	 * only once it resumes, past the caller's timeout).
	 * @throws StoreUnavailableException if Redis did not answer in time or could not be
	 * reached
	 */
	void load(List<Scripts.Script> scripts) {
		for (Scripts.Script script : scripts) {
			await("load of the scripts", this.commands.scriptLoad(script.source()).toCompletableFuture());
		}
	}

	/**
	 * Loads every script again without waiting, after a reconnect: Redis may have
	 * restarted, and forgotten them. A failure is only logged: EVALSHA falls back to
	 * EVAL.
	 */
	void reload(List<Scripts.Script> scripts) {
		for (Scripts.Script script : scripts) {
			bounded(this.commands.scriptLoad(script.source()).toCompletableFuture()).whenComplete((sha, ex) -> {
				if (ex != null) {
					logger.debug("Could not load a script again after a reconnect; it is sent whole when needed", ex);
				}
			});
		}
	}

	/**
	 * Removes the member from the sorted set without waiting; a failure is only logged
	 * (the member's score, its expiry, lets it go all the same).
	 */
	void forget(String key, String member) {
		bounded(this.commands.zrem(key, member).toCompletableFuture()).whenComplete((removed, ex) -> {
			if (ex != null) {
				logger.debug("Could not remove {} from {}; it expires by its score", member, key, ex);
			}
		});
	}

	/**
	 * The string at the key, or null: parks a green thread for one round trip.
	 */
	@Nullable String get(String what, String key) {
		return await(what, this.commands.get(key).toCompletableFuture());
	}

	/**
	 * Waits for a Mono bounded by the timeout: for the rare calls that have no future,
	 * such as a subscription on the pub/sub connection.
	 */
	<T> @Nullable T await(String what, Mono<T> mono) {
		try {
			return Green.blockOn(mono.timeout(this.timeout));
		}
		catch (RuntimeException ex) {
			throw translate(what, ex);
		}
	}

	private CompletableFuture<List<Object>> evalsha(Scripts.Script script, String[] keys, String[] args) {
		return this.commands
			.dispatch(CommandType.EVALSHA, new NestedMultiOutput<>(StringCodec.UTF8),
					scriptArgs(script.shaBytes(), keys, args))
			.toCompletableFuture();
	}

	private CompletableFuture<List<Object>> eval(Scripts.Script script, String[] keys, String[] args) {
		return this.commands
			.dispatch(CommandType.EVAL, new NestedMultiOutput<>(StringCodec.UTF8),
					scriptArgs(script.source().getBytes(StandardCharsets.UTF_8), keys, args))
			.toCompletableFuture();
	}

	/**
	 * Starts plain commands to send in one write (see {@link Pipeline}).
	 */
	Pipeline pipeline() {
		return new Pipeline(this.connection);
	}

	/**
	 * Sends a plain command without arguments without waiting: the future completes on
	 * Lettuce's event loop with the answer, or on the timer's thread with a
	 * {@link TimeoutException} once the timeout has passed.
	 */
	<T> CompletableFuture<T> send(CommandType type, CommandOutput<String, String, T> output) {
		return bounded(this.commands.dispatch(type, output).toCompletableFuture());
	}

	/**
	 * Sends a plain command whose arguments are bytes already, without waiting; wait for
	 * it with {@link #await(String, CompletableFuture)}.
	 */
	<T> CompletableFuture<T> dispatch(CommandType type, CommandOutput<String, String, T> output, byte[]... args) {
		CommandArgs<String, String> command = new CommandArgs<>(StringCodec.UTF8);
		for (byte[] arg : args) {
			command.add(arg);
		}
		return this.commands.dispatch(type, output, command).toCompletableFuture();
	}

	// The arguments as bytes: Lettuce writes a byte[] straight into the command's buffer,
	// where a String key or value through the UTF-8 codec is first encoded into a
	// temporary pooled buffer of its own (the codec's size estimate is not exact).
	private static CommandArgs<String, String> scriptArgs(byte[] script, String[] keys, String[] args) {
		CommandArgs<String, String> command = new CommandArgs<>(StringCodec.UTF8).add(script).add(keys.length);
		for (String key : keys) {
			command.add(key.getBytes(StandardCharsets.UTF_8));
		}
		for (String arg : args) {
			command.add(arg.getBytes(StandardCharsets.UTF_8));
		}
		return command;
	}

	/**
	 * Waits for the command, bounded by a wheel timeout: parks a green thread, blocks a
	 * platform thread. Killing the waiting thread cancels the command if Lettuce has not
	 * written it yet. A NOSCRIPT answer throws {@link NoScript}.
	 */
	<T> @Nullable T await(String what, CompletableFuture<T> command) {
		Timeout bound = expireAfterTimeout(command);
		try {
			return Green.blockOn(command);
		}
		catch (RuntimeException ex) {
			// a kill: not written yet, it is not written at all; a failure: a no-op
			command.cancel(false);
			if (unwrap(ex) instanceof RedisNoScriptException) {
				throw new NoScript();
			}
			throw translate(what, ex);
		}
		finally {
			bound.cancel();
		}
	}

	/**
	 * The command, failed with a {@link TimeoutException} once the timeout has passed.
	 */
	<T> CompletableFuture<T> bounded(CompletableFuture<T> command) {
		Timeout bound = expireAfterTimeout(command);
		command.whenComplete((value, ex) -> bound.cancel());
		return command;
	}

	private Timeout expireAfterTimeout(CompletableFuture<?> command) {
		return this.timer.newTimeout((expired) -> command.completeExceptionally(new TimeoutException()),
				this.timeoutNanos, TimeUnit.NANOSECONDS);
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	RuntimeException translate(String what, Throwable ex) {
		Throwable cause = unwrap(ex);
		if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException) {
			return new StoreUnavailableException(
					what + ": Redis did not answer within " + this.timeout + " (green.redis.timeout)", cause);
		}
		if (cause instanceof RedisLoadingException || cause instanceof RedisBusyException) {
			return new StoreUnavailableException(what + ": Redis is not ready: " + cause.getMessage(), cause);
		}
		if (cause instanceof RedisCommandExecutionException) {
			return new IllegalStateException(what + ": Redis refused the command: " + cause.getMessage(), cause);
		}
		if (cause instanceof RedisException || cause instanceof IOException) {
			return new StoreUnavailableException(what + ": Redis could not be reached: " + cause.getMessage(), cause);
		}
		return (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
	}

	static long asLong(Object value) {
		return (value instanceof Long number) ? number : Long.parseLong(String.valueOf(value));
	}

	/** Redis does not know the script's SHA: send its source. */
	private static final class NoScript extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		NoScript() {
			super(null, null, false, false);
		}

	}

}
