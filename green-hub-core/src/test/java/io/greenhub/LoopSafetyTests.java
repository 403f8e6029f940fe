package io.greenhub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A green thread that parks while holding a lock, with loop code of its own hub waiting
 * for that lock: in loop mode both share one carrier, so this deadlocks unless the loop
 * can park too.
 */
class LoopSafetyTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void greenThreadParkedInsideSynchronizedLetsLoopCodeWaitingForTheMonitorFinish(HubMode mode) throws Exception {
		Object monitor = new Object();
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			CompletableFuture<Void> held = new CompletableFuture<>();
			CompletableFuture<Void> release = new CompletableFuture<>();
			GreenThread<String> holder = hub.spawn(() -> {
				synchronized (monitor) {
					held.complete(null);
					Green.blockOn(release);
					return "released";
				}
			});
			held.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			AtomicReference<Thread> loopThread = new AtomicReference<>();
			CompletableFuture<String> loopTook = new CompletableFuture<>();
			hub.eventLoop().execute(() -> {
				loopThread.set(Thread.currentThread());
				synchronized (monitor) {
					loopTook.complete("took the monitor");
				}
			});
			await().atMost(TestHubs.WAIT)
				.until(() -> loopThread.get() != null && loopThread.get().getState() == Thread.State.BLOCKED);
			release.complete(null);
			assertThat(holder.join(TestHubs.WAIT)).isEqualTo("released");
			assertThat(loopTook.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("took the monitor");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void greenThreadParkedHoldingReentrantLockLetsLoopCodeWaitingForTheLockFinish(HubMode mode) throws Exception {
		ReentrantLock lock = new ReentrantLock();
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			CompletableFuture<Void> held = new CompletableFuture<>();
			CompletableFuture<Void> release = new CompletableFuture<>();
			GreenThread<String> holder = hub.spawn(() -> {
				lock.lock();
				try {
					held.complete(null);
					Green.blockOn(release);
					return "released";
				}
				finally {
					lock.unlock();
				}
			});
			held.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			CompletableFuture<String> loopTook = new CompletableFuture<>();
			hub.eventLoop().execute(() -> {
				lock.lock();
				try {
					loopTook.complete("took the lock");
				}
				finally {
					lock.unlock();
				}
			});
			await().atMost(TestHubs.WAIT).until(lock::hasQueuedThreads);
			release.complete(null);
			assertThat(holder.join(TestHubs.WAIT)).isEqualTo("released");
			assertThat(loopTook.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("took the lock");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void timedWaitsAndTimeoutsUnderALockWakeWhileLoopCodeWaitsForThatLock(HubMode mode) throws Exception {
		Object monitor = new Object();
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			CompletableFuture<Void> held = new CompletableFuture<>();
			GreenThread<String> holder = hub.spawn(() -> {
				synchronized (monitor) {
					held.complete(null);
					// the loop waits for the monitor from here on: these wake-ups must
					// not need it
					Green.sleep(java.time.Duration.ofMillis(50));
					try {
						Green.withTimeout(java.time.Duration.ofMillis(20),
								() -> Green.blockOn(new CompletableFuture<>()));
						return "timeout did not fire";
					}
					catch (GreenTimeoutException ex) {
						return "slept, then timed out";
					}
				}
			});
			held.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			CompletableFuture<String> loopTook = new CompletableFuture<>();
			hub.eventLoop().execute(() -> {
				synchronized (monitor) {
					loopTook.complete("took the monitor");
				}
			});
			assertThat(holder.join(TestHubs.WAIT)).isEqualTo("slept, then timed out");
			assertThat(loopTook.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("took the monitor");
		}
	}

}
