package io.greenhub;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Callable;

import io.netty.channel.IoEventLoop;
import org.jspecify.annotations.Nullable;

/**
 * A hub: one Netty event loop and the green threads that belong to it.
 *
 * <p>
 * It is eventlet's hub on Twisted's reactor. A connection accepted by the event loop is
 * served by green threads of the same hub. In {@link HubMode#LOOP} the event loop and the
 * green threads share one carrier thread; in {@link HubMode#POOL} the green threads run
 * on the JDK's default scheduler and the hub only groups them.
 *
 * <p>
 * Hubs are made by a {@link GreenHubGroup}, one per event loop. Every method here returns
 * at once and may be called from any thread.
 */
public interface GreenHub {

	/**
	 * Returns the name of this hub, {@code <group>-<index>}.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the index of this hub in its group, from 0.
	 * @return the index
	 */
	int index();

	/**
	 * Returns the mode this hub runs in, {@link HubMode#LOOP} or {@link HubMode#POOL}.
	 * @return the mode
	 */
	HubMode mode();

	/**
	 * Returns the group this hub belongs to.
	 * @return the group
	 */
	GreenHubGroup group();

	/**
	 * Returns this hub's Netty event loop.
	 * @return the event loop
	 */
	IoEventLoop eventLoop();

	/**
	 * Starts a green thread on this hub that calls the function.
	 * @param <T> the type of the result
	 * @param function the function
	 * @return the green thread
	 * @throws java.util.concurrent.RejectedExecutionException if the group is closed
	 */
	<T extends @Nullable Object> GreenThread<T> spawn(Callable<T> function);

	/**
	 * Starts a green thread on this hub that runs the task.
	 * @param task the task
	 * @return the green thread, whose value is {@code null}
	 * @throws java.util.concurrent.RejectedExecutionException if the group is closed
	 */
	GreenThread<@Nullable Void> spawn(Runnable task);

	/**
	 * Starts a green thread on this hub that calls the function after the delay. Until
	 * then the green thread exists but has not started; killing it cancels it.
	 * @param <T> the type of the result
	 * @param delay how long to wait before starting
	 * @param function the function
	 * @return the green thread
	 * @throws java.util.concurrent.RejectedExecutionException if the group is closed
	 */
	<T extends @Nullable Object> GreenThread<T> spawnAfter(Duration delay, Callable<T> function);

	/**
	 * Returns the green threads of this hub that have not finished, at the moment of the
	 * call.
	 * @return a snapshot of the live green threads
	 */
	Collection<GreenThread<?>> greenThreads();

	/**
	 * Returns how many green threads of this hub have not finished.
	 * @return the number of live green threads
	 */
	int alive();

	/**
	 * Returns how many channels registered with this hub's event loop through the hub
	 * group are open now: the connections that servers running on the group (the WebFlux
	 * server, green TCP servers) accepted onto this loop, and channels a plain Netty
	 * {@code Bootstrap} registers with the group. Reactor Netty's clients
	 * ({@code HttpClient}, {@code WebClient}, {@code GreenClient}) and servers' listening
	 * sockets register with the loop directly and are not counted. A channel counts from
	 * its registration until it is closed. Returns at once.
	 * @return the number of open channels
	 */
	int openChannels();

	/**
	 * Returns how many green threads have been spawned on this hub.
	 * @return the count since the hub started
	 */
	long spawnedCount();

	/**
	 * Returns how many green threads of this hub have finished with the given outcome.
	 * @param outcome the outcome
	 * @return the count since the hub started
	 */
	long completedCount(Outcome outcome);

	/**
	 * Returns how many green threads of this hub were killed as children: because their
	 * owner ended by an exception (it was killed, as a cancelled request's handler is, or
	 * it failed), or because their {@link GreenScope} killed them (fail-fast, or on
	 * close). Returns at once.
	 * @return the count since the hub started
	 */
	long childrenKilledCount();

	/**
	 * Returns the name of the thread that runs this hub's event-loop code: in loop mode a
	 * virtual thread on the hub's carrier, in pool mode Netty's platform thread. Returns
	 * at once.
	 * @return the thread's name, or {@code null} before the loop has started
	 */
	@Nullable String loopThreadName();

	/**
	 * Returns how many times blocking detection has reported this hub's event loop held
	 * longer than the threshold.
	 * @return the count since the hub started
	 */
	long stallCount();

	/**
	 * Returns how many times this hub's event loop was late past the blocking-detection
	 * threshold because the operating system did not schedule its carrier thread (it
	 * waited for a CPU for most of that time, on a busy or overcommitted machine) rather
	 * than because code held it. These are not counted in {@link #stallCount()}. Known
	 * where the OS reports run-queue waits per thread (Linux); elsewhere such a wait
	 * counts as a stall. Returns at once.
	 * @return the count since the hub started
	 */
	long notScheduledCount();

	/**
	 * Returns how many times a green thread of this hub parked for 20 ms or more while
	 * pinned to its carrier (inside a native frame or a class initializer), as JFR
	 * reported it; counted while blocking detection is on. Returns at once.
	 * @return the count since the hub started
	 */
	long pinnedParkCount();

	/**
	 * Returns the total length of the reported stalls that have ended.
	 * @return the total stall time
	 */
	Duration stallTime();

	/**
	 * Returns how long this hub's event loop has been held so far, while blocking
	 * detection has reported a stall that has not ended; otherwise (and always with
	 * detection off) zero. Returns at once.
	 * @return the length of the current stall, or zero
	 */
	Duration currentStall();

	/**
	 * How a green thread ended.
	 */
	enum Outcome {

		/** It returned a value. */
		SUCCESS,

		/** It threw. */
		ERROR,

		/**
		 * It was killed: the kill reached it at a wait, whether its code let the
		 * {@link io.greenhub.GreenKilledException} out or caught it and returned.
		 */
		KILLED

	}

}
