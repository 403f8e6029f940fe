package io.greenhub;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GreenTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void sleepParksForAtLeastTheDurationAndZeroLetsOthersRunFirst(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			long elapsed = hub.spawn(() -> {
				long start = System.nanoTime();
				Green.sleep(Duration.ofMillis(30));
				return System.nanoTime() - start;
			}).join(TestHubs.WAIT);
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
			List<String> order = hub.spawn(() -> {
				List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
				GreenThread<Boolean> other = Green.spawn(() -> steps.add("other"));
				Green.sleep(Duration.ZERO);
				steps.add("after yield");
				other.join();
				return steps;
			}).join(TestHubs.WAIT);
			if (mode == HubMode.LOOP) {
				// one carrier: the yield lets the thread spawned before it run first
				assertThat(order).containsExactly("other", "after yield");
			}
			else {
				assertThat(order).containsExactlyInAnyOrder("other", "after yield");
			}
			assertThatIllegalArgumentException().isThrownBy(() -> Green.sleep(Duration.ofMillis(-1)))
				.withMessageContaining("PT-0.001S");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void blockOnReturnsTheValueOfAMonoThatCompletesLater(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			assertThat(group.spawn(() -> Green.blockOn(Mono.delay(Duration.ofMillis(20)).map((tick) -> "later")))
				.join(TestHubs.WAIT)).isEqualTo("later");
			assertThat(group.spawn(() -> Green.blockOn(Mono.delay(Duration.ofMillis(5)).then())).join(TestHubs.WAIT))
				.isNull();
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> group.spawn(() -> Green.blockOn(Mono.delay(Duration.ofMillis(5))
					.then(Mono.error(new IllegalStateException("downstream failed"))))).join(TestHubs.WAIT))
				.withMessage("downstream failed");
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(
						() -> group.spawn(() -> Green.blockOn(Mono.error(new IOException("io")))).join(TestHubs.WAIT))
				.withCauseInstanceOf(IOException.class);
		}
	}

	@Test
	void blockOnOfAMonoAlreadyCompleteReturnsWithoutParkingEvenOnAPlatformThread() {
		Sinks.One<String> done = Sinks.one();
		done.tryEmitValue("ready");
		assertThat(Green.blockOn(done.asMono())).isEqualTo("ready");
		assertThat(Green.blockOn(Mono.just("just"))).isEqualTo("just");
		assertThat(Green.<String>blockOn(Mono.empty())).isNull();
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void killingAThreadInBlockOnCancelsTheSubscription(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<Void> subscribed = new CompletableFuture<>();
			CompletableFuture<Void> cancelled = new CompletableFuture<>();
			GreenThread<Object> thread = group.spawn(() -> Green.blockOn(Mono.never()
				.doOnSubscribe((s) -> subscribed.complete(null))
				.doOnCancel(() -> cancelled.complete(null))));
			subscribed.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			thread.kill();
			cancelled.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> thread.join(TestHubs.WAIT));
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void blockOnACompletionStageReturnsItsValueOrRethrowsItsFailure(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> later = new CompletableFuture<>();
			GreenThread<String> thread = group.spawn(() -> Green.blockOn(later.thenApply(String::toUpperCase)));
			later.complete("value");
			assertThat(thread.join(TestHubs.WAIT)).isEqualTo("VALUE");
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> group
					.spawn(() -> Green.blockOn(CompletableFuture.failedFuture(new IllegalStateException("no"))))
					.join(TestHubs.WAIT))
				.withMessage("no");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void fluxIteratesWithBackPressure(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			AtomicLong requested = new AtomicLong();
			Flux<Integer> numbers = Flux.range(1, 1000).doOnRequest((n) -> requested.accumulateAndGet(n, Math::max));
			long sum = group.spawn(() -> {
				long total = 0;
				for (int number : Green.toIterable(numbers, 16)) {
					total += number;
				}
				return total;
			}).join(TestHubs.WAIT);
			assertThat(sum).isEqualTo(500_500L);
			assertThat(requested.get()).isLessThanOrEqualTo(16);
			Flux<Long> ticks = Flux.interval(Duration.ofMillis(1)).take(5);
			assertThat(group.spawn(() -> {
				try (Stream<Long> stream = Green.toStream(ticks)) {
					return stream.toList();
				}
			}).join(TestHubs.WAIT)).containsExactly(0L, 1L, 2L, 3L, 4L);
			assertThatIllegalStateException().isThrownBy(() -> group.spawn(() -> {
				for (Object item : Green
					.toIterable(Flux.concat(Flux.just(1), Flux.error(new IllegalStateException("mid"))))) {
					assertThat(item).isEqualTo(1);
				}
				return null;
			}).join(TestHubs.WAIT)).withMessage("mid");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void deferToGreenThreadIsColdAndEmitsTheValueOrTheError(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			AtomicLong calls = new AtomicLong();
			Mono<String> deferred = Green.deferToGreenThread(() -> {
				calls.incrementAndGet();
				Green.sleep(Duration.ofMillis(1));
				return Green.isGreen() ? "green" : "not green";
			});
			assertThat(calls).hasValue(0);
			StepVerifier.create(deferred).expectNext("green").expectComplete().verify(TestHubs.WAIT);
			StepVerifier.create(deferred).expectNext("green").expectComplete().verify(TestHubs.WAIT);
			assertThat(calls).hasValue(2);
			StepVerifier.create(Green.deferToGreenThread(() -> null)).expectComplete().verify(TestHubs.WAIT);
			StepVerifier.create(Green.deferToGreenThread(() -> {
				throw new IllegalStateException("failed");
			})).expectErrorMessage("failed").verify(TestHubs.WAIT);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void cancellingADeferredMonoKillsItsGreenThread(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<GreenThread<?>> started = new CompletableFuture<>();
			CompletableFuture<String> unwound = new CompletableFuture<>();
			Mono<String> deferred = Green.deferToGreenThread(() -> {
				started.complete(Green.currentThread());
				try {
					Green.sleep(Duration.ofHours(1));
					return "slept";
				}
				finally {
					unwound.complete("finally");
				}
			});
			StepVerifier.create(deferred).then(() -> started.join()).thenCancel().verify(TestHubs.WAIT);
			assertThat(unwound.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("finally");
			await().atMost(TestHubs.WAIT).until(() -> started.join().isDone());
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> started.join().join());
		}
	}

	@Test
	void runRunsTheMainFunctionOnAGreenThreadAndClosesItsHubs() {
		AtomicBoolean green = new AtomicBoolean();
		String result = Green.run(() -> {
			green.set(Green.isGreen());
			GreenThread<String> child = Green.spawn(() -> "child of " + Green.currentHub().group().name());
			return child.join();
		});
		assertThat(result).isEqualTo("child of green-main");
		assertThat(green).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> Green.spawn(() -> "no hub"))
			.withMessageContaining("No hub group is open");
	}

}
