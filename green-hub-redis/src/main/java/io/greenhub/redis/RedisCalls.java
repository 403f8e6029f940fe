package io.greenhub.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.greenhub.Green;
import io.greenhub.spi.StoreUnavailableException;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Runs the scripts on one shared Lettuce connection, each round trip bounded by the options'
 * timeout, and waits for them with {@link Green#blockOn(Mono)}: a green thread parks, no event
 * loop is held. Shared by every primitive of one {@link GreenRedis}; stateless but for the
 * connection.
 */
final class RedisCalls {

	private final RedisReactiveCommands<String, String> commands;

	private final Duration timeout;

	RedisCalls(RedisReactiveCommands<String, String> commands, Duration timeout) {
		this.commands = commands;
		this.timeout = timeout;
	}

	/**
	 * The script's answer as a cold Mono: EVALSHA, then EVAL if Redis does not know the script.
	 */
	Mono<List<Object>> script(Scripts.Script script, String[] keys, String... args) {
		Mono<List<Object>> bySha = this.commands.<List<Object>>evalsha(script.sha(), ScriptOutputType.MULTI, keys, args).next();
		return bySha
			.onErrorResume(RedisNoScriptException.class,
					(unknown) -> this.commands.<List<Object>>eval(script.source(), ScriptOutputType.MULTI, keys, args).next())
			.timeout(this.timeout);
	}

	/**
	 * The string at the key, or empty, as a cold Mono bounded by the timeout.
	 */
	Mono<String> get(String key) {
		return this.commands.get(key).timeout(this.timeout);
	}

	/**
	 * Runs the script and waits for its answer: parks a green thread, blocks a platform thread.
	 * @throws StoreUnavailableException if Redis did not answer in time or could not be reached
	 */
	List<Object> call(String what, Scripts.Script script, String[] keys, String... args) {
		List<Object> answer = await(what, script(script, keys, args));
		if (answer == null) {
			throw new IllegalStateException(what + ": Redis gave no answer to the script");
		}
		return answer;
	}

	<T> @Nullable T await(String what, Mono<T> mono) {
		try {
			return Green.blockOn(mono);
		}
		catch (RuntimeException ex) {
			throw translate(what, ex);
		}
	}

	RuntimeException translate(String what, Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException) {
			return new StoreUnavailableException(what + ": Redis did not answer within " + this.timeout
					+ " (green.redis.timeout)", cause);
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

	/**
	 * Waits until the signal fires or the time is up, whichever comes first: parks a green thread.
	 * Killing the waiting thread stops the wait and leaves the signal as it is.
	 */
	static void waitFor(CompletableFuture<?> signal, long nanos) {
		if (signal.isDone() || nanos <= 0) {
			return;
		}
		Green.blockOn(Mono.fromFuture(signal, true)
			.then()
			.timeout(Duration.ofNanos(nanos), Mono.empty()));
	}

	static long asLong(Object value) {
		return (value instanceof Long number) ? number : Long.parseLong(String.valueOf(value));
	}

}
