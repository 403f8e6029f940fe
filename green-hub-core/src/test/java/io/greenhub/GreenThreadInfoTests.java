package io.greenhub;

import java.time.Duration;

import io.greenhub.primitives.GreenQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link GreenThread#info()}: what a green thread is doing, as data.
 */
class GreenThreadInfoTests {

	@ParameterizedTest
	@EnumSource(names = { "LOOP", "POOL" })
	void aGreenThreadParkedOnAQueueShowsTheQueueItsStateAndItsStack(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> orders = GreenQueue.bounded("orders", 4);
			GreenThread<String> taker = group.hubs().get(1).spawn(orders::take);
			await().atMost(TestHubs.WAIT).until(() -> taker.info().waitingOn() != null);
			GreenThreadInfo info = taker.info();
			assertThat(info.name()).isEqualTo(taker.name());
			assertThat(info.hub()).isEqualTo("test-" + mode.name().toLowerCase() + "-1");
			assertThat(info.state()).isEqualTo(Thread.State.WAITING);
			assertThat(info.waitingOn()).isEqualTo("GreenQueue 'orders' (0 items, capacity 4)");
			assertThat(info.stack()).anySatisfy((frame) -> assertThat(frame.getMethodName()).isEqualTo("take"));
			orders.offer("first");
			assertThat(taker.join(TestHubs.WAIT)).isEqualTo("first");
			assertThat(taker.info().state()).isEqualTo(Thread.State.TERMINATED);
			assertThat(taker.info().stack()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "LOOP", "POOL" })
	void aGreenThreadNotStartedYetIsNewAndTimedSleepIsTimedWaiting(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenThread<String> later = group.hubs().get(0).spawnAfter(Duration.ofHours(1), () -> "never");
			assertThat(later.info().state()).isEqualTo(Thread.State.NEW);
			assertThat(later.info().waitingOn()).isNull();
			later.kill();
			GreenThread<Object> sleeper = group.hubs().get(0).spawn(() -> {
				Green.sleep(Duration.ofHours(1));
				return null;
			});
			await().atMost(TestHubs.WAIT).until(() -> sleeper.info().state() == Thread.State.TIMED_WAITING);
			assertThat(sleeper.info().stack())
				.anySatisfy((frame) -> assertThat(frame.getMethodName()).isEqualTo("sleep"));
			sleeper.kill();
		}
	}

}
