package io.greenhub.internal;

import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

/**
 * The bridges from asynchronous code to a thread that waits for it: a {@code Mono} or a
 * {@link CompletionStage} waited for, a publisher's items iterated. The bodies of
 * {@link io.greenhub.Green}'s {@code blockOn}, {@code toIterable} and {@code toStream},
 * whose javadoc says what each does; {@link Monos} has the bridges the other way.
 */
public final class Bridges {

	private Bridges() {
	}

	/**
	 * Waits for the Mono and returns its value, at once for a scalar one.
	 */
	@SuppressWarnings("unchecked")
	public static <T> @Nullable T blockOn(Mono<T> mono) {
		Objects.requireNonNull(mono, "mono");
		if (mono instanceof Fuseable.ScalarCallable<?> scalar) {
			try {
				return (T) scalar.call();
			}
			catch (Exception ex) {
				throw Rethrow.unchecked(ex);
			}
		}
		Blocking.checkMayBlock("Green.blockOn");
		BlockOnSubscriber<T> subscriber = new BlockOnSubscriber<>();
		mono.subscribe(subscriber);
		return subscriber.await();
	}

	/**
	 * Waits for the stage to complete and returns its value.
	 */
	public static <T extends @Nullable Object> T blockOn(CompletionStage<T> stage) {
		Objects.requireNonNull(stage, "stage");
		CompletableFuture<T> future = stage.toCompletableFuture();
		if (!future.isDone()) {
			Blocking.checkMayBlock("Green.blockOn");
			Thread waiter = Thread.currentThread();
			future.whenComplete((value, error) -> LockSupport.unpark(waiter));
			while (!future.isDone()) {
				Blocking.park(future);
			}
		}
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw Rethrow.unchecked(Objects.requireNonNullElse(ex.getCause(), ex));
		}
		catch (CancellationException ex) {
			throw ex;
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException("A completed future cannot interrupt its reader", ex);
		}
	}

	/**
	 * Returns the publisher's items as an iterable whose every iterator subscribes anew.
	 */
	public static <T> Iterable<T> toIterable(Publisher<T> publisher, int batchSize) {
		Objects.requireNonNull(publisher, "publisher");
		if (batchSize < 1) {
			throw new IllegalArgumentException("Batch size must be positive, was: " + batchSize);
		}
		return () -> subscribe(publisher, batchSize);
	}

	/**
	 * Returns the publisher's items as a sequential stream whose close cancels the
	 * subscription.
	 */
	public static <T> Stream<T> toStream(Publisher<T> publisher, int batchSize) {
		Objects.requireNonNull(publisher, "publisher");
		PublisherIterator<T> iterator = subscribe(publisher, batchSize);
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(iterator::close);
	}

	private static <T> PublisherIterator<T> subscribe(Publisher<T> publisher, int batchSize) {
		PublisherIterator<T> iterator = new PublisherIterator<>(batchSize);
		publisher.subscribe(iterator);
		return iterator;
	}

}
