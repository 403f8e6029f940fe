package io.greenhub;

import java.time.Duration;
import java.util.function.Consumer;

import io.greenhub.tcp.GreenTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A green thread: a function running on a Java virtual thread that belongs to one
 * {@link GreenHub}, with a result that others can wait for, be told of, or cancel.
 *
 * <p>
 * It is eventlet's {@code proc.Proc}. Start one with
 * {@link Green#spawn(java.util.concurrent.Callable)} or
 * {@link GreenHub#spawn(java.util.concurrent.Callable)}: <pre>{@code
 * GreenThread<String> page = Green.spawn(() -> fetch("/a"));
 * page.linkException(e -> log.warn("fetch failed", e));
 * String body = page.join();
 * }</pre>
 *
 * <h2>Outcome</h2> A green thread ends in one of three ways: it returns a value (possibly
 * {@code null}), it throws (it <em>failed</em>), or it is <em>killed</em>.
 * {@link #join()} and {@link #poll()} report the outcome: the value, the exception
 * rethrown (a checked one wrapped in a {@link java.util.concurrent.CompletionException}),
 * or a {@link GreenKilledException}.
 *
 * <h2>Waiting and killing</h2>
 * <table class="striped">
 * <caption>What each operation does to the caller</caption>
 * <tr>
 * <th>operation</th>
 * <th>in a green thread</th>
 * <th>on a platform thread</th>
 * <th>on an event loop</th>
 * </tr>
 * <tr>
 * <td>{@link #join()}, {@link #join(Duration)}</td>
 * <td>parks it</td>
 * <td>blocks it</td>
 * <td>throws {@link IllegalStateException}</td>
 * </tr>
 * <tr>
 * <td>{@link #poll()}, {@link #isDone()}, {@link #kill()}, {@code link*},
 * {@link #unlink}</td>
 * <td colspan="3">returns at once</td>
 * </tr>
 * </table>
 * A caller waiting in {@code join} that is itself killed or interrupted stops waiting
 * with a {@link GreenKilledException}; the thread it waited for goes on.
 *
 * <h2>Memory consistency</h2> Everything the green thread did happens-before {@code join}
 * or {@code poll} returns its outcome and before a link callback runs.
 *
 * @param <T> the type of the thread's result
 */
public interface GreenThread<T extends @Nullable Object> {

	/**
	 * Returns the identifier of this green thread, unique in this JVM.
	 * @return the identifier
	 */
	long id();

	/**
	 * Returns the name of this green thread, {@code green-<id>}.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the hub this green thread runs on.
	 * @return the hub
	 */
	GreenHub hub();

	/**
	 * Takes a snapshot of this green thread's state, what it waits on, and its stack, for
	 * diagnostics. Returns at once without parking the caller; taking the stack of a
	 * green thread that is running stops it for a moment.
	 * @return the snapshot
	 */
	GreenThreadInfo info();

	/**
	 * Waits until this green thread has finished and returns its value. Parks the calling
	 * green thread, blocks a platform thread.
	 * @return the value returned by the function, possibly {@code null}
	 * @throws GreenKilledException if this green thread was killed, or if the caller is
	 * killed or interrupted while it waits
	 * @throws IllegalStateException if called by this green thread itself, or on an event
	 * loop
	 */
	T join();

	/**
	 * Waits at most the given time for this green thread to finish and returns its value.
	 * @param timeout how long to wait at most
	 * @return the value returned by the function, possibly {@code null}
	 * @throws GreenTimeoutException if the time ran out first; this green thread goes on
	 * @throws GreenKilledException as {@link #join()}
	 * @throws IllegalStateException as {@link #join()}
	 */
	T join(Duration timeout);

	/**
	 * Returns the value at once if this green thread has finished, or {@code null} if it
	 * has not (use {@link #isDone()} to tell that from a {@code null} value). Never
	 * waits.
	 * @return the value, or {@code null}
	 * @throws GreenKilledException if this green thread was killed
	 */
	@Nullable T poll();

	/**
	 * Returns whether this green thread has finished, in any way. Never waits.
	 * @return whether it has finished
	 */
	boolean isDone();

	/**
	 * Returns whether this green thread has finished by being killed. Never waits.
	 * @return whether it was killed
	 */
	boolean isKilled();

	/**
	 * Kills this green thread: a {@link GreenKilledException} is thrown at its current
	 * wait, or at its next one if it is computing, and it unwinds through its
	 * {@code finally} blocks. A green thread that has not started yet never runs. Code
	 * that never waits cannot be killed until it does. Returns at once, without waiting
	 * for the thread to end; call {@link #join()} for that. Killing the calling green
	 * thread itself throws at once.
	 *
	 * <p>
	 * A thread reading through {@link Green#toIterable} or a {@link GreenTransport} sees
	 * the kill at its next item even while data keeps arriving. Resources it registered
	 * with {@link Green#closeOnKill(AutoCloseable)} are closed by this call, on the
	 * calling thread, so that a read that never looks at the interrupt ends too.
	 *
	 * <p>
	 * Idempotent, as {@link java.util.concurrent.Future#cancel(boolean)} and eventlet's
	 * {@code kill} are: killing a thread that has finished, or that has been killed
	 * already, does nothing and returns {@code false}, so cleanup code may kill every
	 * thread it started without checking first. Any thread may call it, an event loop
	 * included.
	 * @return {@code true} if this call asked for the kill before the thread finished,
	 * {@code false} if it had already finished or been killed
	 */
	boolean kill();

	/**
	 * Kills this green thread as {@link #kill()}, with a cause: the
	 * {@link GreenKilledException} that the thread sees, and that {@link #join()} throws,
	 * has it as its cause.
	 * @param cause why the thread is killed
	 * @return {@code true} if this call killed it, {@code false} if it had already
	 * finished or been killed, in which case the cause is dropped
	 */
	boolean kill(Throwable cause);

	/**
	 * Calls the listener with this green thread when it finishes, however it ends; right
	 * after its outcome is set, so a {@link #join()} may return before the listeners have
	 * run. The listener runs on the thread that ends this green thread: the green thread
	 * itself as it finishes, the killing thread when a kill cancels a green thread that
	 * never started, or the calling thread at once when it has already finished.
	 * Listeners run in the order they were linked; one that throws is logged and does not
	 * stop the others.
	 * @param listener the listener
	 */
	void link(Consumer<? super GreenThread<T>> listener);

	/**
	 * Calls the listener with the value when this green thread returns one, on the thread
	 * described in {@link #link(Consumer)}. Not called when it fails or is killed.
	 * @param listener the listener
	 */
	void linkValue(Consumer<? super @Nullable T> listener);

	/**
	 * Calls the listener with the exception when this green thread fails or is killed (a
	 * {@link GreenKilledException}), on the thread described in {@link #link(Consumer)}.
	 * @param listener the listener
	 */
	void linkException(Consumer<? super Throwable> listener);

	/**
	 * Removes a listener added by one of the {@code link} methods, if it has not run yet.
	 * @param listener the listener, as it was given
	 * @return whether it was linked and is now removed
	 */
	boolean unlink(Object listener);

	/**
	 * Returns a {@code Mono} of this green thread's outcome: its value, empty for
	 * {@code null}, or its exception. Cancelling a subscription only stops listening; it
	 * does not kill the thread. Signals are emitted on the thread described in
	 * {@link #link(Consumer)}.
	 * @return a Mono of the outcome
	 */
	Mono<T> toMono();

}
