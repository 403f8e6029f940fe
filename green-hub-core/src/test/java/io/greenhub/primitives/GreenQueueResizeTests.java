package io.greenhub.primitives;

import java.util.List;
import java.util.stream.IntStream;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class GreenQueueResizeTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void growingLetsWaitingPutsInInTheOrderTheyBegan(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.bounded("growing", 1);
			queue.put("first");
			GreenThread<?> second = group.next().spawn(() -> queue.put("second"));
			awaitWaitingOn(second, queue);
			GreenThread<?> third = group.next().spawn(() -> queue.put("third"));
			awaitWaitingOn(third, queue);
			queue.resize(3);
			second.join(TestHubs.WAIT);
			third.join(TestHubs.WAIT);
			assertThat(queue.capacity()).isEqualTo(3);
			assertThat(List.of(queue.take(), queue.take(), queue.take())).containsExactly("first", "second", "third");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void shrinkingBelowTheSizeKeepsTheItemsAndPutsWaitUntilFewerAreLeft(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<Integer> queue = GreenQueue.bounded("shrinking", 4);
			IntStream.range(0, 4).forEach(queue::put);
			queue.resize(2);
			assertThat(queue.size()).isEqualTo(4);
			assertThat(queue.remainingCapacity()).isZero();
			assertThat(queue.offer(9)).isFalse();
			GreenThread<?> putter = group.next().spawn(() -> queue.put(4));
			awaitWaitingOn(putter, queue);
			assertThat(List.of(queue.take(), queue.take())).containsExactly(0, 1);
			assertThat(queue.size()).as("no room below the new capacity yet").isEqualTo(2);
			assertThat(putter.isDone()).isFalse();
			assertThat(queue.take()).isEqualTo(2);
			putter.join(TestHubs.WAIT);
			assertThat(List.of(queue.take(), queue.take())).containsExactly(3, 4);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void resizingToIntegerMaxValueMakesTheQueueUnbounded(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<Integer> queue = GreenQueue.bounded("opening", 1);
			queue.put(0);
			GreenThread<?> putter = group.next().spawn(() -> queue.put(1));
			awaitWaitingOn(putter, queue);
			queue.resize(Integer.MAX_VALUE);
			putter.join(TestHubs.WAIT);
			assertThat(IntStream.range(2, 1000).allMatch(queue::offer)).isTrue();
			assertThat(queue.capacity()).isEqualTo(GreenQueue.unbounded("other").capacity());
			assertThat(queue.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
			assertThat(queue).hasToString("GreenQueue 'opening' (1000 items, capacity unbounded)");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aRendezvousGivenRoomStoresTheWaitingPutsItem(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.rendezvous("meeting");
			GreenThread<?> putter = group.next().spawn(() -> queue.put("waiting"));
			awaitWaitingOn(putter, queue);
			queue.resize(1);
			putter.join(TestHubs.WAIT);
			assertThat(queue.size()).isEqualTo(1);
			queue.resize(0);
			assertThat(queue.poll()).isEqualTo("waiting");
			assertThat(queue.offer("no taker")).isFalse();
		}
	}

	@Test
	void aNegativeCapacityIsRefusedNamingTheQueue() {
		GreenQueue<String> queue = GreenQueue.bounded("jobs", 1);
		assertThatIllegalArgumentException().isThrownBy(() -> queue.resize(-1))
			.withMessage("Queue 'jobs' capacity must not be negative, was: -1");
		assertThat(queue.capacity()).isEqualTo(1);
	}

	private static void awaitWaitingOn(GreenThread<?> thread, GreenQueue<?> queue) {
		await().atMost(TestHubs.WAIT).until(() -> String.valueOf(thread.info().waitingOn()).equals(queue.toString()));
	}

}
