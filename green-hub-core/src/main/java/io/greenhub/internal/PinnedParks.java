package io.greenhub.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.greenhub.GreenThread;
import io.greenhub.HubMode;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports pinned parks: a green thread that parks inside a native frame or a class
 * initializer cannot unmount, so it keeps its carrier, and in loop mode the whole hub,
 * for as long as it waits. The JDK emits a {@code jdk.VirtualThreadPinned} JFR event for
 * each; one JFR stream per JVM, started by the first hub group with blocking detection on
 * (whose build waits, at most five seconds, until the recording runs), receives those of
 * at least {@value #THRESHOLD_MILLIS} ms, counts each against the hub of its green
 * thread, and logs it at WARN with the stack, at most once every ten seconds per hub and
 * per place in the application's code that parks. Events arrive about a second after the
 * park ended (JFR's flush period), on the daemon thread {@code green-pinned-parks}.
 * Virtual threads that are not green threads of an open group are left alone.
 */
final class PinnedParks {

	private static final Logger logger = LoggerFactory.getLogger(PinnedParks.class);

	static final long THRESHOLD_MILLIS = 20;

	private static final String EVENT = "jdk.VirtualThreadPinned";

	private static final Duration START_WAIT = Duration.ofSeconds(5);

	// Added to by groups as they open with blocking detection on, removed from as they
	// close; read
	// by the stream's thread.
	private static final Set<HubGroupRuntime> groups = ConcurrentHashMap.newKeySet();

	// Written under the class lock by the first group that opens; the stream lives as
	// long as the JVM.
	private static boolean started;

	private PinnedParks() {
	}

	static void watch(HubGroupRuntime group) {
		groups.add(group);
		synchronized (PinnedParks.class) {
			if (!started) {
				started = true;
				start();
			}
		}
	}

	static void unwatch(HubGroupRuntime group) {
		groups.remove(group);
	}

	private static void start() {
		try {
			startStream();
		}
		catch (RuntimeException | LinkageError ex) {
			// LinkageError: a runtime without the jdk.jfr module
			logger.info("Pinned parks of green threads are not reported: JFR could not start ({})", ex.toString());
		}
	}

	private static void startStream() {
		CountDownLatch running = new CountDownLatch(1);
		FlightRecorderListener whenRunning = new FlightRecorderListener() {

			@Override
			public void recordingStateChanged(Recording recording) {
				if (recording.getState() == RecordingState.RUNNING) {
					running.countDown();
				}
			}

		};
		RecordingStream stream = new RecordingStream();
		stream.enable(EVENT).withThreshold(Duration.ofMillis(THRESHOLD_MILLIS)).withStackTrace();
		stream.onEvent(EVENT, PinnedParks::report);
		FlightRecorder.addListener(whenRunning);
		try {
			// on a daemon thread of its own: startAsync's thread would keep the JVM alive
			Thread.ofPlatform().daemon().name("green-pinned-parks").start(() -> {
				try {
					stream.start();
				}
				catch (RuntimeException ex) {
					running.countDown();
					logger.info("Pinned parks of green threads are no longer reported: JFR stopped ({})",
							ex.toString());
				}
			});
			// so that the group's first pinned parks are recorded: the recording starts
			// on that thread
			if (!running.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.info("JFR's recording of pinned parks has not started within {} ms; pinned parks until it does "
						+ "are not reported", START_WAIT.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			FlightRecorder.removeListener(whenRunning);
		}
	}

	private static void report(RecordedEvent event) {
		RecordedThread recorded = event.getThread();
		if (recorded == null) {
			return;
		}
		long id = recorded.getJavaThreadId();
		for (HubGroupRuntime group : groups) {
			for (DefaultGreenHub hub : group.hubs()) {
				for (DefaultGreenThread<?> green : hub.liveThreads()) {
					Thread thread = green.thread();
					if (thread != null && thread.threadId() == id) {
						report(hub, green, event);
						return;
					}
				}
			}
		}
	}

	private static void report(DefaultGreenHub hub, GreenThread<?> green, RecordedEvent event) {
		hub.stalls().pinnedPark();
		List<RecordedFrame> frames = (event.getStackTrace() != null) ? event.getStackTrace().getFrames() : List.of();
		StackTraceElement[] stack = new StackTraceElement[frames.size()];
		for (int i = 0; i < stack.length; i++) {
			RecordedFrame frame = frames.get(i);
			stack[i] = new StackTraceElement(frame.getMethod().getType().getName(), frame.getMethod().getName(), null,
					frame.getLineNumber());
		}
		if (!hub.stalls().pinnedParkWarnings().tryWarn(WarnThrottle.place(stack), System.nanoTime())) {
			return;
		}
		StringBuilder trace = new StringBuilder();
		for (StackTraceElement frame : stack) {
			trace.append("\n\tat ").append(frame);
		}
		logger.warn(
				"Green thread '{}' of hub '{}' parked for {} ms pinned to its carrier (inside a native frame or a "
						+ "class initializer), holding {} meanwhile{}",
				green.name(), hub.name(), event.getDuration().toMillis(),
				(hub.mode() == HubMode.LOOP) ? "the hub's event loop" : "a carrier of the default scheduler", trace);
	}

}
