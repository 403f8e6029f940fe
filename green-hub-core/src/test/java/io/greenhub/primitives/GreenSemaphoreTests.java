package io.greenhub.primitives;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GreenSemaphoreTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void waitersAcquireInArrivalOrderAsPermitsAreReleased(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenSemaphore semaphore = new GreenSemaphore("db", 1);
			semaphore.acquire();
			List<Integer> order = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 3; i++) {
				int arrival = i;
				group.hubs().get(i % 2).spawn(() -> {
					semaphore.acquire();
					order.add(arrival);
					semaphore.release();
					return null;
				});
				await().atMost(TestHubs.WAIT).until(() -> semaphore.waiters() == arrival + 1);
			}
			assertThat(semaphore.tryAcquire()).isFalse();
			semaphore.release();
			await().atMost(TestHubs.WAIT).until(() -> order.size() == 3);
			assertThat(order).containsExactly(0, 1, 2);
			assertThat(semaphore.availablePermits()).isEqualTo(1);
			assertThat(semaphore.waiters()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void timedTryAcquireGivesUpAndAKilledWaiterHoldsNoPermit(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenSemaphore semaphore = new GreenSemaphore("api", 0);
			assertThat(group.spawn(() -> semaphore.tryAcquire(Duration.ofMillis(20))).join(TestHubs.WAIT)).isFalse();
			GreenThread<Void> killed = group.spawn(() -> {
				semaphore.acquire();
				return null;
			});
			await().atMost(TestHubs.WAIT).until(() -> semaphore.waiters() == 1);
			killed.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> killed.join(TestHubs.WAIT));
			assertThat(semaphore.waiters()).isZero();
			semaphore.release();
			assertThat(semaphore.availablePermits()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void withPermitAlwaysReleases(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenSemaphore semaphore = GreenSemaphore.bounded("files", 2);
			assertThat(group.spawn(() -> semaphore.withPermit(() -> semaphore.availablePermits())).join(TestHubs.WAIT))
				.isEqualTo(1);
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> group.spawn(() -> semaphore.withPermit(() -> {
					throw new IOException("disk full");
				})).join(TestHubs.WAIT))
				.withCauseInstanceOf(IOException.class);
			assertThat(semaphore.availablePermits()).isEqualTo(2);
		}
	}

	@Test
	void misuseIsRefusedNamingTheSemaphoreAndTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GreenSemaphore("db", -1))
			.withMessage("Semaphore 'db' permits must not be negative, was: -1");
		GreenSemaphore bounded = GreenSemaphore.bounded("db", 1);
		assertThat(bounded.isBounded()).isTrue();
		assertThatIllegalStateException().isThrownBy(bounded::release)
			.withMessage("Semaphore 'db' is bounded to 1 permits and has them all; a release without an acquire?");
		GreenSemaphore plain = new GreenSemaphore(0);
		plain.release();
		assertThat(plain.availablePermits()).isEqualTo(1);
	}

}
