package io.greenhub.primitives;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

class GreenEventTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void sendWakesEveryWaiterOnEveryHubAndPlatformThreadsWithTheValue(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenEvent<String> event = new GreenEvent<>("ready");
			List<GreenThread<String>> waiters = List.of(group.hubs().get(0).spawn(() -> event.await()),
					group.hubs().get(1).spawn(() -> event.await()), group.hubs().get(0).spawn(() -> event.await()));
			CompletableFuture<String> platform = CompletableFuture.supplyAsync(() -> event.await());
			await().atMost(TestHubs.WAIT).until(() -> event.waiters() == 4);
			assertThat(event.isReady()).isFalse();
			assertThat(event.poll()).isNull();
			group.spawn(() -> {
				event.send("go");
				return null;
			}).join(TestHubs.WAIT);
			for (GreenThread<String> waiter : waiters) {
				assertThat(waiter.join(TestHubs.WAIT)).isEqualTo("go");
			}
			assertThat(platform.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("go");
			assertThat(event.poll()).isEqualTo("go");
			assertThat(event.waiters()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void sendExceptionMakesEveryWaiterThrowIt(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenEvent<String> event = new GreenEvent<>();
			GreenThread<String> waiter = group.spawn(() -> event.await());
			await().atMost(TestHubs.WAIT).until(() -> event.waiters() == 1);
			event.sendException(new IllegalStateException("payment refused"));
			assertThatIllegalStateException().isThrownBy(() -> waiter.join(TestHubs.WAIT))
				.withMessage("payment refused");
			assertThat(event.hasException()).isTrue();
			assertThatIllegalStateException().isThrownBy(event::poll).withMessage("payment refused");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void timedAwaitThatExpiresReturnsEmptyAndLeavesNoWaiter(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenEvent<String> event = new GreenEvent<>();
			assertThat(group.spawn(() -> event.await(Duration.ofMillis(20))).join(TestHubs.WAIT)).isEmpty();
			assertThat(event.waiters()).isZero();
			event.send("late");
			assertThat(group.spawn(() -> event.await(Duration.ofMillis(20))).join(TestHubs.WAIT)).contains("late");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aKilledWaiterLeavesTheWaitListAndTheOthersStillReceive(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenEvent<String> event = new GreenEvent<>();
			GreenThread<String> killed = group.spawn(() -> event.await());
			GreenThread<String> kept = group.spawn(() -> event.await());
			await().atMost(TestHubs.WAIT).until(() -> event.waiters() == 2);
			killed.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> killed.join(TestHubs.WAIT));
			assertThat(event.waiters()).isEqualTo(1);
			event.send("only one");
			assertThat(kept.join(TestHubs.WAIT)).isEqualTo("only one");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void resetBeforeAnySendDoesNothingAndItsWaitersGoOnWaiting(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenEvent<String> event = new GreenEvent<>("fresh");
			GreenThread<String> waiter = group.spawn(event::await);
			await().atMost(TestHubs.WAIT).until(() -> event.waiters() == 1);
			event.reset();
			assertThat(event.isReady()).isFalse();
			assertThat(event.waiters()).isEqualTo(1);
			event.send("after the reset");
			assertThat(waiter.join(TestHubs.WAIT)).isEqualTo("after the reset");
		}
	}

	@Test
	void resetMakesItNotReadyAndASecondSendIsAnErrorNamingTheEvent() {
		GreenEvent<Integer> event = new GreenEvent<>("orders-7");
		event.send(1);
		assertThatIllegalStateException().isThrownBy(() -> event.send(2))
			.withMessage("Event 'orders-7' has already been sent the value 1; reset it before sending again");
		event.reset();
		assertThat(event.isReady()).isFalse();
		event.send(2);
		assertThat(event.await()).isEqualTo(2);
		assertThatNullPointerException().isThrownBy(() -> event.send(null)).withMessage("value");
	}

}
