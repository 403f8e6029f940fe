package io.greenhub.internal;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.greenhub.GreenThread;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Green threads seen as {@code Mono}s.
 */
public final class Monos {

	private Monos() {
	}

	/**
	 * A Mono of a green thread's outcome; cancelling it only stops listening.
	 */
	static <T extends @Nullable Object> Mono<T> outcomeOf(DefaultGreenThread<T> thread) {
		return Mono.create((sink) -> {
			Consumer<GreenThread<T>> listener = (ended) -> emit(thread, sink);
			thread.link(listener);
			sink.onCancel(() -> thread.unlink(listener));
		});
	}

	/**
	 * A cold Mono that spawns a green thread for each subscription, on the hub that the
	 * subscribing thread belongs to, and kills it when the subscription is cancelled.
	 */
	public static <T extends @Nullable Object> Mono<T> deferToGreenThread(Callable<T> function) {
		return Mono.create((sink) -> {
			DefaultGreenThread<T> thread = Hubs.forSpawn().spawn(function, DefaultGreenThread.current());
			sink.onCancel(thread::kill);
			thread.link((ended) -> emit(thread, sink));
		});
	}

	private static <T extends @Nullable Object> void emit(DefaultGreenThread<T> thread, MonoSink<T> sink) {
		Throwable error = thread.error();
		if (error != null) {
			sink.error(error);
			return;
		}
		T value = thread.poll();
		if (value != null) {
			sink.success(value);
		}
		else {
			sink.success();
		}
	}

}
