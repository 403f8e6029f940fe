package io.greenhub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
				try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(20))) {
					Green.sleep(Duration.ofMillis(1));
				}
				Green.sleep(Duration.ofMillis(40));
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

	@Test
	void aTimeoutNeedsAGreenThread() {
		assertThatIllegalStateException().isThrownBy(() -> GreenTimeout.start(Duration.ofSeconds(1)))
			.withMessageContaining("is not one");
	}

}
