package io.greenhub;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.greenhub.primitives.GreenEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

class GreenThreadTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void joinReturnsTheValueAndTheThreadRanOnAVirtualThreadOfItsHub(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(1);
			GreenThread<String> thread = hub.spawn(
					() -> Thread.currentThread().isVirtual() + " " + Green.isGreen() + " " + Green.currentHub().name());
			assertThat(thread.join(TestHubs.WAIT)).isEqualTo("true true " + hub.name());
			assertThat(thread.isDone()).isTrue();
			assertThat(thread.hub()).isSameAs(hub);
			assertThat(thread.name()).isEqualTo("green-" + thread.id());
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aThreadThatCatchesItsKillAndReturnsIsCountedKilledByItsHub(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			GreenEvent<String> parked = new GreenEvent<>();
			GreenThread<String> thread = hub.spawn(() -> {
				try {
					parked.send("parked");
					return Green.blockOn(new java.util.concurrent.CompletableFuture<String>());
				}
				catch (GreenKilledException ex) {
					// as a Reactor task does: the error goes elsewhere and the task
					// returns
					return "swallowed";
				}
			});
			assertThat(group.hubs().get(1).spawn(() -> parked.await()).join(TestHubs.WAIT)).isEqualTo("parked");
			thread.kill();
			assertThat(thread.join(TestHubs.WAIT)).isEqualTo("swallowed");
			assertThat(hub.completedCount(GreenHub.Outcome.KILLED)).isEqualTo(1);
			assertThat(hub.completedCount(GreenHub.Outcome.SUCCESS)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void joinOfARunnableOrANullResultReturnsNull(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			AtomicBoolean ran = new AtomicBoolean();
			assertThat(group.next().spawn(() -> ran.set(true)).join(TestHubs.WAIT)).isNull();
			assertThat(ran).isTrue();
			assertThat(group.spawn(() -> null).join(TestHubs.WAIT)).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void joinRethrowsAnUncheckedFailureAndWrapsACheckedOne(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			IllegalArgumentException unchecked = new IllegalArgumentException("bad");
			GreenThread<Object> failing = group.spawn(() -> {
				throw unchecked;
			});
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> failing.join(TestHubs.WAIT))
				.isSameAs(unchecked);
			GreenThread<Object> checked = group.spawn(() -> {
				throw new IOException("disk");
			});
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> checked.join(TestHubs.WAIT))
				.withCauseInstanceOf(IOException.class);
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(failing::poll);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void pollReturnsNullUntilTheThreadHasFinished(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> gate = new CompletableFuture<>();
			GreenThread<String> thread = group.spawn(() -> Green.blockOn(gate));
			assertThat(thread.poll()).isNull();
			assertThat(thread.isDone()).isFalse();
			gate.complete("open");
			assertThat(thread.join(TestHubs.WAIT)).isEqualTo("open");
			assertThat(thread.poll()).isEqualTo("open");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void timedJoinThatRunsOutThrowsAndLeavesTheThreadRunning(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> gate = new CompletableFuture<>();
			GreenThread<String> thread = group.spawn(() -> Green.blockOn(gate));
			assertThatExceptionOfType(GreenTimeoutException.class).isThrownBy(() -> thread.join(Duration.ofMillis(20)))
				.withMessageContaining(thread.name());
			assertThat(thread.isDone()).isFalse();
			gate.complete("later");
			assertThat(thread.join(TestHubs.WAIT)).isEqualTo("later");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void killedThreadUnwindsThroughFinallyAndJoinThrowsKilledWithTheCause(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<Void> waiting = new CompletableFuture<>();
			CompletableFuture<String> cleanedUp = new CompletableFuture<>();
			GreenThread<String> thread = group.spawn(() -> {
				try {
					waiting.complete(null);
					Green.sleep(Duration.ofHours(1));
					return "slept";
				}
				finally {
					// waits in finally work: the kill is delivered once
					Green.sleep(Duration.ofMillis(1));
					cleanedUp.complete("finally ran");
				}
			});
			waiting.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			IllegalStateException reason = new IllegalStateException("shutting down");
			assertThat(thread.kill(reason)).isTrue();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> thread.join(TestHubs.WAIT))
				.withMessageContaining(thread.name())
				.withCause(reason);
			assertThat(cleanedUp.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("finally ran");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void killOfAThreadNotYetStartedCancelsItAndItNeverRuns(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			AtomicBoolean ran = new AtomicBoolean();
			GreenThread<Boolean> delayed = group.next().spawnAfter(Duration.ofHours(1), () -> ran.getAndSet(true));
			assertThat(delayed.kill()).isTrue();
			assertThat(delayed.isDone()).isTrue();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(delayed::join);
			assertThat(ran).isFalse();
			assertThat(group.alive()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void spawnAfterStartsTheThreadOnlyAfterTheDelay(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			long before = System.nanoTime();
			GreenThread<Long> delayed = group.next().spawnAfter(Duration.ofMillis(50), System::nanoTime);
			assertThat(delayed.join(TestHubs.WAIT) - before).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void killIsIdempotentAndASecondKillReturnsFalse(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> gate = new CompletableFuture<>();
			GreenThread<String> twice = group.spawn(() -> Green.blockOn(gate));
			assertThat(twice.kill()).isTrue();
			assertThat(twice.kill()).isFalse();
			assertThat(twice.kill(new IllegalStateException("cleanup"))).isFalse();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> twice.join(TestHubs.WAIT))
				.withNoCause();
			assertThat(twice.kill()).isFalse();
			GreenThread<String> finished = group.spawn(() -> "done");
			finished.join(TestHubs.WAIT);
			assertThat(finished.kill()).isFalse();
			assertThat(finished.kill()).isFalse();
			GreenThread<String> notStarted = group.next().spawnAfter(Duration.ofSeconds(30), () -> "late");
			assertThat(notStarted.kill()).isTrue();
			assertThat(notStarted.kill()).isFalse();
			assertThat(notStarted.isKilled()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void misuseGetsAClearException(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenThread<String> selfJoin = group.spawn(() -> {
				Green.currentThread().join();
				return "unreachable";
			});
			assertThatIllegalStateException().isThrownBy(() -> selfJoin.join(TestHubs.WAIT))
				.withMessageContaining("cannot join itself");
			GreenThread<String> finished = group.spawn(() -> "done");
			finished.join(TestHubs.WAIT);
			GreenThread<String> suicide = group.spawn(() -> {
				Green.currentThread().kill();
				return "unreachable";
			});
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> suicide.join(TestHubs.WAIT));
			assertThatNullPointerException().isThrownBy(() -> group.spawn(null)).withMessage("function");
			assertThatNullPointerException().isThrownBy(() -> finished.kill(null)).withMessage("cause");
			assertThatNullPointerException().isThrownBy(() -> finished.link(null)).withMessage("listener");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void linksRunInOrderOnTheGreenThreadAsItEndsAndUnlinkedOnesDoNot(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> gate = new CompletableFuture<>();
			GreenThread<String> thread = group.spawn(() -> Green.blockOn(gate));
			List<String> calls = new CopyOnWriteArrayList<>();
			thread.link((ended) -> calls.add("link " + Green.isGreen() + " " + ended.poll()));
			thread.linkValue((value) -> calls.add("value " + value));
			thread.linkException((error) -> calls.add("exception"));
			java.util.function.Consumer<Object> removed = (value) -> calls.add("removed");
			thread.linkValue(removed);
			assertThat(thread.unlink(removed)).isTrue();
			assertThat(thread.unlink(removed)).isFalse();
			gate.complete("v");
			thread.join(TestHubs.WAIT);
			// join returns once the outcome is set; the links run right after, on the
			// green thread
			await().atMost(TestHubs.WAIT).until(() -> calls.size() == 2);
			assertThat(calls).containsExactly("link true v", "value v");
			thread.linkValue((value) -> calls.add("late " + Green.isGreen()));
			assertThat(calls).endsWith("late false");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void linkExceptionReceivesTheFailureAndTheKill(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<Throwable> failure = new CompletableFuture<>();
			group.spawn(() -> {
				throw new IllegalStateException("boom");
			}).linkException(failure::complete);
			assertThat(failure.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).hasMessage("boom");
			CompletableFuture<Throwable> kill = new CompletableFuture<>();
			GreenThread<Object> victim = group.spawn(() -> Green.blockOn(new CompletableFuture<>()));
			victim.linkException(kill::complete);
			victim.kill();
			assertThat(kill.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(GreenKilledException.class);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void toMonoEmitsTheOutcome(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			StepVerifier.create(group.spawn(() -> "value").toMono())
				.expectNext("value")
				.expectComplete()
				.verify(TestHubs.WAIT);
			StepVerifier.create(group.spawn(() -> null).toMono()).expectComplete().verify(TestHubs.WAIT);
			StepVerifier.create(group.spawn(() -> {
				throw new IllegalStateException("boom");
			}).toMono()).expectErrorMessage("boom").verify(TestHubs.WAIT);
		}
	}

}
