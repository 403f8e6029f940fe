package io.greenhub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.primitives.GreenPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GreenTimeoutTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void anExpiredTimeoutEndsTheCurrentWaitAndCancelsBlockOnsSubscription(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<Void> cancelled = new CompletableFuture<>();
			GreenThread<Object> thread = group.spawn(() -> Green.withTimeout(Duration.ofMillis(20),
					() -> Green.blockOn(Mono.never().doOnCancel(() -> cancelled.complete(null)))));
			assertThatExceptionOfType(GreenTimeoutException.class).isThrownBy(() -> thread.join(TestHubs.WAIT))
				.withMessageContaining("GreenTimeout of PT0.02S");
			cancelled.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTimeoutClosedInTimeNeverFires(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				// far longer than the first wait, which also loads the classes a first
				// spawn needs
				try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(500))) {
					Green.sleep(Duration.ofMillis(1));
				}
				Green.sleep(Duration.ofMillis(600));
				return "no timeout";
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("no timeout");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void theInnerTimeoutFiringDoesNotTripTheOuter(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				try (GreenTimeout outer = GreenTimeout.start(Duration.ofSeconds(5))) {
					try (GreenTimeout inner = GreenTimeout.start(Duration.ofMillis(10))) {
						Green.sleep(Duration.ofSeconds(1));
						return "not reached";
					}
					catch (GreenTimeoutException ex) {
						Green.sleep(Duration.ofMillis(20));
						return "inner expired: " + !ex.isFrom(outer) + ", outer expired: " + outer.isExpired();
					}
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("inner expired: true, outer expired: false");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void anOuterTimeoutExpiringInsideAnInnerBlockThrowsTheOutersException(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				try (GreenTimeout outer = GreenTimeout.start(Duration.ofMillis(10))) {
					try (GreenTimeout inner = GreenTimeout.start(Duration.ofSeconds(5))) {
						Green.sleep(Duration.ofSeconds(1));
						return "not reached";
					}
					catch (GreenTimeoutException ex) {
						return "from outer: " + ex.isFrom(outer);
					}
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("from outer: true");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void codeThatNeverParksSeesTheTimeoutOnlyAtItsNextWait(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(5))) {
					long end = System.nanoTime() + Duration.ofMillis(30).toNanos();
					long spins = 0;
					while (System.nanoTime() < end) {
						spins++;
					}
					try {
						Green.sleep(Duration.ofSeconds(5));
						return "not reached";
					}
					catch (GreenTimeoutException ex) {
						return "computed " + (spins > 0) + " past the limit, then the wait threw";
					}
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("computed true past the limit, then the wait threw");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aWaitAfterACaughtTimeoutInsideItsOpenBlockParks(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenThread<String> thread = group.spawn(() -> {
				try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(5))) {
					try {
						Green.sleep(Duration.ofSeconds(5));
					}
					catch (GreenTimeoutException ex) {
						// caught inside the block, which stays open
					}
					Green.sleep(Duration.ofSeconds(30));
					return "slept";
				}
			});
			// a sleep that spins stays RUNNABLE; one that parks is TIMED_WAITING
			await().atMost(TestHubs.WAIT).until(() -> thread.info().state() == Thread.State.TIMED_WAITING);
			assertThat(thread.kill()).isTrue();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> thread.join(TestHubs.WAIT));
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aThreadWaitingForPoolRoomAfterItsTimeoutFiredLetsThePoolsThreadsRun(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool("one", 1);
			String result = group.spawn(() -> {
				// the pool's thread runs on this hub, and needs it to end
				pool.spawnN(() -> Green.sleep(Duration.ofMillis(50)));
				try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(5))) {
					try {
						Green.sleep(Duration.ofSeconds(5));
					}
					catch (GreenTimeoutException ex) {
						// caught inside the block, which stays open
					}
					return pool.spawn(() -> "got room").join();
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("got room");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTimeoutStartedWithAnExceptionThrowsThatExceptionAtTheWait(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(5),
						() -> new IllegalStateException("price service too slow"))) {
					try {
						Green.blockOn(Mono.never());
						return "not reached";
					}
					catch (IllegalStateException ex) {
						Green.sleep(Duration.ofMillis(20));
						return ex.getMessage() + ", pending: " + limit.isPending();
					}
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("price service too slow, pending: false");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTimeoutIsPendingUntilItFiresOrCloses(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				GreenTimeout closed = GreenTimeout.start(Duration.ofSeconds(5));
				boolean openBeforeClose = closed.isPending();
				closed.close();
				try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(5))) {
					while (!limit.isExpired()) {
						Thread.onSpinWait();
					}
					boolean expiredButNotThrown = limit.isPending();
					try {
						Green.sleep(Duration.ofSeconds(5));
						return "not reached";
					}
					catch (GreenTimeoutException ex) {
						return openBeforeClose + " " + closed.isPending() + " " + expiredButNotThrown + " "
								+ limit.isPending();
					}
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("true false true false");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void withTimeoutReturnsTheFallbackWhenItsTimeRunsOut(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> Green.withTimeout(Duration.ofMillis(10), () -> {
				Green.sleep(Duration.ofSeconds(5));
				return "not reached";
			}, "fallback")).join(TestHubs.WAIT);
			String inTime = group.spawn(() -> Green.withTimeout(Duration.ofSeconds(5), () -> "in time", "fallback"))
				.join(TestHubs.WAIT);
			assertThat(result).isEqualTo("fallback");
			assertThat(inTime).isEqualTo("in time");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void withTimeoutsFallbackDoesNotSwallowAnOuterTimeout(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				try (GreenTimeout outer = GreenTimeout.start(Duration.ofMillis(10))) {
					return Green.withTimeout(Duration.ofSeconds(5), () -> {
						Green.sleep(Duration.ofSeconds(5));
						return "not reached";
					}, "fallback");
				}
				catch (GreenTimeoutException ex) {
					return "outer expired";
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("outer expired");
		}
	}

	@Test
	void aTimeoutNeedsAGreenThread() {
		assertThatIllegalStateException().isThrownBy(() -> GreenTimeout.start(Duration.ofSeconds(1)))
			.withMessageContaining("is not one");
	}

}
