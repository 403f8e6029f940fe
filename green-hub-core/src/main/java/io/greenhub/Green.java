package io.greenhub;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.Bridges;
import io.greenhub.internal.DefaultGreenThread;
import io.greenhub.internal.GreenChildren;
import io.greenhub.internal.Hubs;
import io.greenhub.internal.Monos;
import io.greenhub.internal.TimedCalls;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Green threads and their bridges to and from Reactor: eventlet's {@code api} and
 * {@code twistedutil} on the JVM.
 *
 * <p>
 * Synchronous code on a green thread calls {@link #blockOn(Mono)} where it needs a
 * reactive result, and reactive code calls {@link #deferToGreenThread(Callable)} where it
 * needs synchronous code: <pre>{@code
 * Mono<Order> order = Green.deferToGreenThread(() -> {
 *     Customer customer = Green.blockOn(customers.find(id));   // parks, the loop goes on
 *     return orders.place(customer, Green.blockOn(prices.current()));
 * });
 * }</pre>
 *
 * <h2>Where each method may be called</h2> A green thread parks in the blocking methods
 * ({@code blockOn}, {@code sleep}, iteration of {@code toIterable}); a platform thread
 * blocks in them; on an event-loop thread they throw {@link IllegalStateException} at
 * once, since it is impossible to block while you are the loop. The spawning methods and
 * {@code deferToGreenThread} return at once and may be called anywhere.
 *
 * <h2>Which hub a new green thread runs on</h2> The hub of the calling green thread, or
 * of the calling event loop; elsewhere the next hub of the default {@link GreenHubGroup}.
 */
public final class Green {

	private Green() {
	}

	/**
	 * Starts a green thread that calls the function. Spawned by a green thread, it is a
	 * child of that thread: if the spawner ends by an exception (it is killed, as the
	 * handler of a cancelled request is, or it fails), the child is killed too; if the
	 * spawner returns, the child goes on. See {@link GreenScope} for children that the
	 * spawner waits for, and {@link #spawnDetached(Callable)} for a thread that belongs
	 * to no one.
	 * @param <T> the type of the result
	 * @param function the function
	 * @return the green thread
	 * @throws IllegalStateException if called outside any hub while no hub group is open
	 */
	public static <T extends @Nullable Object> GreenThread<T> spawn(Callable<T> function) {
		return Hubs.forSpawn().spawn(function);
	}

	/**
	 * Starts a green thread that runs the task.
	 * @param task the task
	 * @return the green thread, whose value is {@code null}
	 * @throws IllegalStateException if called outside any hub while no hub group is open
	 */
	public static GreenThread<@Nullable Void> spawn(Runnable task) {
		return Hubs.forSpawn().spawn(task);
	}

	/**
	 * Starts a green thread that calls the function and belongs to no other green thread:
	 * a background thread that outlives the thread that spawned it, even if that one is
	 * killed (as the handler of a cancelled request is). {@link #spawn(Callable)} from a
	 * green thread starts a child of it instead, killed if its owner ends by an exception
	 * (see {@link GreenScope}). Context still follows it (see {@link GreenChildContext}).
	 * @param <T> the type of the result
	 * @param function the function
	 * @return the green thread
	 * @throws IllegalStateException if called outside any hub while no hub group is open
	 */
	public static <T extends @Nullable Object> GreenThread<T> spawnDetached(Callable<T> function) {
		return Hubs.forSpawn().spawn(function, null);
	}

	/**
	 * Starts a green thread that runs the task and belongs to no other green thread, as
	 * {@link #spawnDetached(Callable)}.
	 * @param task the task
	 * @return the green thread, whose value is {@code null}
	 * @throws IllegalStateException if called outside any hub while no hub group is open
	 */
	public static GreenThread<@Nullable Void> spawnDetached(Runnable task) {
		Objects.requireNonNull(task, "task");
		return spawnDetached(Executors.callable(task, null));
	}

	/**
	 * Kills the green threads that the calling green thread started and that still run
	 * (its children, see {@link GreenScope}), and waits at most one second for them to
	 * unwind: what a thread that catches its own failure, such as a request dispatcher,
	 * calls so that the work the failed part started dies with it. Later spawns are
	 * children again. Parks the calling green thread (kills do not end the wait); on any
	 * other thread returns 0 at once.
	 * @param cause why they are killed, the cause of the {@link GreenKilledException}
	 * they see
	 * @return how many it killed
	 */
	public static int killChildren(Throwable cause) {
		Objects.requireNonNull(cause, "cause");
		DefaultGreenThread<?> current = DefaultGreenThread.current();
		return (current != null) ? GreenChildren.killRunning(current, cause) : 0;
	}

	/**
	 * Starts a green thread that calls the function after the delay; killing it before
	 * then cancels it.
	 * @param <T> the type of the result
	 * @param delay how long to wait before starting
	 * @param function the function
	 * @return the green thread
	 * @throws IllegalStateException if called outside any hub while no hub group is open
	 */
	public static <T extends @Nullable Object> GreenThread<T> spawnAfter(Duration delay, Callable<T> function) {
		return Hubs.forSpawn().spawnAfter(delay, function);
	}

	/**
	 * Starts a green thread that runs the task after the delay.
	 * @param delay how long to wait before starting
	 * @param task the task
	 * @return the green thread, whose value is {@code null}
	 * @throws IllegalStateException if called outside any hub while no hub group is open
	 */
	public static GreenThread<@Nullable Void> spawnAfter(Duration delay, Runnable task) {
		Objects.requireNonNull(task, "task");
		return Hubs.forSpawn().spawnAfter(delay, Executors.callable(task, null));
	}

	/**
	 * Pauses the current thread for the duration: parks a green thread, blocks a platform
	 * thread. {@link Duration#ZERO} lets the other runnable green threads of the hub run
	 * first.
	 * @param duration how long to sleep
	 * @throws GreenKilledException if the thread is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public static void sleep(Duration duration) {
		TimedCalls.sleep(duration);
	}

	/**
	 * Calls the function on the current green thread under a {@link GreenTimeout}: if it
	 * has not returned when the time runs out, its current or next green wait throws
	 * {@link GreenTimeoutException}, which propagates from here.
	 * @param <T> the type of the value
	 * @param timeout how long the function may run
	 * @param function the function
	 * @return its value
	 * @throws GreenTimeoutException if the time ran out
	 * @throws RuntimeException the function's exception; a checked one wrapped in a
	 * {@link CompletionException}
	 * @throws IllegalStateException if the caller is not a green thread
	 */
	public static <T extends @Nullable Object> T withTimeout(Duration timeout, Callable<T> function) {
		return TimedCalls.withTimeout(timeout, function);
	}

	/**
	 * Calls the function on the current green thread under a {@link GreenTimeout}, as
	 * {@link #withTimeout(Duration, Callable)}, and returns the fallback value if the
	 * time runs out first: eventlet's
	 * {@code with_timeout(seconds, function, timeout_value=...)}. Only this call's own
	 * timeout gives the fallback; an outer timeout, a kill or the function's own
	 * exception propagates.
	 * @param <T> the type of the value
	 * @param timeout how long the function may run
	 * @param function the function
	 * @param fallback the value to return if the time runs out; may be {@code null}
	 * @return the function's value, or the fallback
	 * @throws RuntimeException the function's exception; a checked one wrapped in a
	 * {@link CompletionException}
	 * @throws IllegalStateException if the caller is not a green thread
	 */
	public static <T extends @Nullable Object> T withTimeout(Duration timeout, Callable<T> function, T fallback) {
		return TimedCalls.withTimeout(timeout, function, fallback);
	}

	/**
	 * Registers a resource for a kill of the current green thread to close, on the
	 * killing thread, while the registration is open. For reads and writes through code
	 * that never looks at the interrupt a kill sends, such as an {@code InputStream} over
	 * a Reactor publisher (the body of Spring's {@code RestClient} on Reactor Netty is
	 * one): closing the stream ends its read, which then returns the end of the stream or
	 * throws, and the thread sees its kill at its next green wait. It is the JDK's rule
	 * for an {@code InterruptibleChannel}, whose interrupt closes it. <pre>{@code
	 * try (InputStream body = response.getBody(); KillRegistration onKill = Green.closeOnKill(body)) {
	 *     body.transferTo(out);
	 * }
	 * }</pre> The resource's {@code close} must return at once without blocking: the
	 * killing thread may be an event loop. It is called at most once for a kill, and at
	 * once if the thread has been killed already; an exception it throws is logged at
	 * DEBUG. Returns at once. On a thread that is not green it does nothing and returns a
	 * registration that does nothing.
	 * @param resource what a kill closes
	 * @return the registration, to close when the resource is no longer in use
	 */
	public static KillRegistration closeOnKill(AutoCloseable resource) {
		Objects.requireNonNull(resource, "resource");
		DefaultGreenThread<?> green = Blocking.currentGreenThread();
		if (green == null) {
			return () -> {
			};
		}
		return green.closeOnKill(resource);
	}

	/**
	 * Returns whether the current thread is a green thread.
	 * @return whether the caller is green
	 */
	public static boolean isGreen() {
		return DefaultGreenThread.current() != null;
	}

	/**
	 * Returns the current green thread.
	 * @return the green thread the caller runs in
	 * @throws IllegalStateException if the caller is not a green thread
	 */
	public static GreenThread<?> currentThread() {
		DefaultGreenThread<?> green = Blocking.currentGreenThread();
		if (green == null) {
			throw new IllegalStateException("Thread '" + Thread.currentThread().getName() + "' is not a green thread");
		}
		return green;
	}

	/**
	 * Returns the hub of the current green thread or event loop.
	 * @return the hub
	 * @throws IllegalStateException if the caller is neither a green thread nor a hub's
	 * event loop
	 */
	public static GreenHub currentHub() {
		GreenHub hub = Hubs.current();
		if (hub == null) {
			throw new IllegalStateException("Thread '" + Thread.currentThread().getName()
					+ "' is neither a green thread nor the event loop of a hub");
		}
		return hub;
	}

	/**
	 * Waits for the Mono and returns its value: parks a green thread, blocks a platform
	 * thread. A Mono that is already complete returns at once without parking. Killing
	 * the waiting green thread cancels the subscription.
	 * @param <T> the type of the value
	 * @param mono the Mono
	 * @return its value, or {@code null} if it completed empty
	 * @throws RuntimeException the Mono's error; a checked one wrapped in a
	 * {@link CompletionException}
	 * @throws GreenKilledException if the thread is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public static <T> @Nullable T blockOn(Mono<T> mono) {
		return Bridges.blockOn(mono);
	}

	/**
	 * Waits for the stage to complete and returns its value: parks a green thread, blocks
	 * a platform thread. Killing the waiting thread stops the wait; the stage is not
	 * cancelled.
	 * @param <T> the type of the value
	 * @param stage the stage
	 * @return its value
	 * @throws RuntimeException the stage's exception; a checked one wrapped in a
	 * {@link CompletionException}
	 * @throws GreenKilledException if the thread is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public static <T extends @Nullable Object> T blockOn(CompletionStage<T> stage) {
		return Bridges.blockOn(stage);
	}

	/**
	 * Returns the publisher's items as an iterable, 256 requested at a time. Each
	 * iterator subscribes anew; its {@code hasNext} parks a green thread (blocks a
	 * platform thread) until an item arrives, and killing the thread meanwhile cancels
	 * the subscription.
	 * @param <T> the type of the items
	 * @param publisher the publisher, such as a {@code Flux}
	 * @return the items
	 */
	public static <T> Iterable<T> toIterable(Publisher<T> publisher) {
		return toIterable(publisher, 256);
	}

	/**
	 * Returns the publisher's items as an iterable, as {@link #toIterable(Publisher)},
	 * with a batch size: how many items are requested at a time, and so at most buffered.
	 * @param <T> the type of the items
	 * @param publisher the publisher, such as a {@code Flux}
	 * @param batchSize how many items to request at a time
	 * @return the items
	 */
	public static <T> Iterable<T> toIterable(Publisher<T> publisher, int batchSize) {
		return Bridges.toIterable(publisher, batchSize);
	}

	/**
	 * Returns the publisher's items as a sequential stream that requests 256 at a time;
	 * closing the stream cancels the subscription.
	 * @param <T> the type of the items
	 * @param publisher the publisher, such as a {@code Flux}
	 * @return the items
	 */
	public static <T> Stream<T> toStream(Publisher<T> publisher) {
		return Bridges.toStream(publisher, 256);
	}

	/**
	 * Returns a cold Mono that, for each subscription, runs the function on a new green
	 * thread and emits its value (empty for {@code null}) or its exception. Cancelling
	 * the subscription kills the green thread. The green thread runs on the hub of the
	 * subscribing thread (see above); signals are emitted on the green thread as it ends.
	 * @param <T> the type of the value
	 * @param function the function
	 * @return a Mono of the function's outcome
	 */
	public static <T extends @Nullable Object> Mono<T> deferToGreenThread(Callable<T> function) {
		Objects.requireNonNull(function, "function");
		return Monos.deferToGreenThread(function);
	}

	/**
	 * Runs a main function on a green thread of a hub group made for it, waits for it on
	 * the calling thread, closes the group and returns the function's value: eventlet's
	 * {@code join_reactor} for plain {@code main} programs.
	 * @param <T> the type of the value
	 * @param main the main function
	 * @return its value
	 * @throws RuntimeException the function's exception; a checked one wrapped in a
	 * {@link CompletionException}
	 * @throws IllegalStateException on a green thread or an event loop
	 */
	public static <T extends @Nullable Object> T run(Callable<T> main) {
		Objects.requireNonNull(main, "main");
		if (isGreen() || Blocking.isEventLoopThread()) {
			throw new IllegalStateException("Green.run starts hubs of its own and waits for them; thread '"
					+ Thread.currentThread().getName() + "' already belongs to a hub");
		}
		try (GreenHubGroup group = GreenHubGroup.builder().name("green-main").build()) {
			return group.spawn(main).join();
		}
	}

}
