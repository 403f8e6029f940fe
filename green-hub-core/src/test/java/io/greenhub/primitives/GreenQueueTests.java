package io.greenhub.primitives;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.greenhub.GreenHub;
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
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

class GreenQueueTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aBoundedQueueParksPutWhileFullAndTakersGetItemsInOrder(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<Integer> queue = GreenQueue.bounded("numbers", 2);
			GreenThread<Void> producer = group.hubs().get(0).spawn(() -> {
				for (int i = 1; i <= 5; i++) {
					queue.put(i);
				}
				return null;
			});
			await().atMost(TestHubs.WAIT).until(() -> queue.size() == 2);
			assertThat(producer.isDone()).isFalse();
			assertThat(queue.remainingCapacity()).isZero();
			List<Integer> taken = group.hubs().get(1).spawn(() -> {
				List<Integer> items = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					items.add(queue.take());
				}
				return items;
			}).join(TestHubs.WAIT);
			assertThat(taken).containsExactly(1, 2, 3, 4, 5);
			producer.join(TestHubs.WAIT);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aRendezvousPutWaitsForATake(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.rendezvous("handoff");
			assertThat(queue.offer("nobody waits")).isFalse();
			GreenThread<Void> putter = group.spawn(() -> {
				queue.put("hand");
				return null;
			});
			assertThat(group.spawn(() -> queue.poll(Duration.ofMillis(10))).join(TestHubs.WAIT)).isEqualTo("hand");
			putter.join(TestHubs.WAIT);
			assertThat(queue.size()).isZero();
			GreenThread<String> taker = group.spawn(queue::take);
			await().atMost(TestHubs.WAIT).until(() -> queue.waiters() == 1);
			assertThat(queue.offer("to the waiting taker")).isTrue();
			assertThat(taker.join(TestHubs.WAIT)).isEqualTo("to the waiting taker");
		}
	}

	@Test
	void aRendezvousPutHandsTheItemOverAndReturnsBeforeTheTakerRuns() {
		// loop mode only: one carrier per hub, so a taker on the putter's hub runs only
		// once the putter parks
		try (GreenHubGroup group = TestHubs.open(HubMode.LOOP)) {
			GreenHub hub = group.hubs().get(0);
			GreenQueue<String> queue = GreenQueue.rendezvous("handoff");
			AtomicBoolean taken = new AtomicBoolean();
			GreenThread<String> taker = hub.spawn(() -> {
				String item = queue.take();
				taken.set(true);
				return item;
			});
			await().atMost(TestHubs.WAIT).until(() -> queue.waiters() == 1);
			boolean takerRanBeforePutReturned = hub.spawn(() -> {
				queue.put("hand");
				return taken.get();
			}).join(TestHubs.WAIT);
			assertThat(takerRanBeforePutReturned).isFalse();
			assertThat(taker.join(TestHubs.WAIT)).isEqualTo("hand");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void timedFormsGiveUpAfterTheirTimeAndTheNonWaitingFormsNeverWait(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.bounded("small", 1);
			assertThat(queue.poll()).isNull();
			assertThat(group.spawn(() -> queue.poll(Duration.ofMillis(20))).join(TestHubs.WAIT)).isNull();
			assertThat(queue.offer("a")).isTrue();
			assertThat(queue.offer("b")).isFalse();
			assertThat(group.spawn(() -> queue.offer("b", Duration.ofMillis(20))).join(TestHubs.WAIT)).isFalse();
			assertThat(queue.waiters()).isZero();
			assertThat(queue.poll()).isEqualTo("a");
		}
	}

	@Test
	void lifoAndPriorityQueuesOrderTheirItems() {
		GreenQueue<Integer> stack = GreenQueue.lifo("stack", 10);
		GreenQueue<Integer> priority = GreenQueue.priority("urgent", 10, Comparator.reverseOrder());
		for (int i : new int[] { 3, 1, 2 }) {
			stack.put(i);
			priority.put(i);
		}
		assertThat(List.of(stack.take(), stack.take(), stack.take())).containsExactly(2, 1, 3);
		assertThat(List.of(priority.take(), priority.take(), priority.take())).containsExactly(3, 2, 1);
		GreenQueue<Integer> unbounded = GreenQueue.unbounded("all");
		for (int i = 0; i < 10_000; i++) {
			assertThat(unbounded.offer(i)).isTrue();
		}
		assertThat(unbounded.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void closeFailsPutsAndLetsTakersDrainThenSignalsClosed(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.bounded("closing", 1);
			queue.put("left");
			GreenThread<Void> waitingPut = group.spawn(() -> {
				queue.put("never");
				return null;
			});
			await().atMost(TestHubs.WAIT).until(() -> !waitingPut.isDone() && queue.remainingCapacity() == 0);
			queue.close();
			assertThatExceptionOfType(GreenQueueClosedException.class).isThrownBy(() -> waitingPut.join(TestHubs.WAIT))
				.withMessage("Queue 'closing' is closed while a put waited");
			assertThatExceptionOfType(GreenQueueClosedException.class).isThrownBy(() -> queue.put("late"))
				.withMessage("Queue 'closing' is closed");
			assertThat(queue.offer("late")).isFalse();
			assertThat(queue.take()).isEqualTo("left");
			assertThatExceptionOfType(GreenQueueClosedException.class).isThrownBy(queue::take)
				.withMessage("Queue 'closing' is closed and empty");
			GreenQueue<String> empty = GreenQueue.unbounded("empty");
			GreenThread<String> waitingTake = group.spawn(empty::take);
			await().atMost(TestHubs.WAIT).until(() -> empty.waiters() == 1);
			empty.close();
			assertThatExceptionOfType(GreenQueueClosedException.class)
				.isThrownBy(() -> waitingTake.join(TestHubs.WAIT));
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void joinWaitsUntilEveryItemIsMarkedDone(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.unbounded("work");
			queue.put("a");
			queue.put("b");
			GreenThread<Void> joiner = group.spawn(() -> {
				queue.join();
				return null;
			});
			queue.take();
			queue.taskDone();
			queue.take();
			assertThat(joiner.isDone()).isFalse();
			queue.taskDone();
			joiner.join(TestHubs.WAIT);
			assertThatIllegalStateException().isThrownBy(queue::taskDone)
				.withMessageContaining("Queue 'work' has no unfinished items");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aKilledTakerLosesNoItem(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.unbounded("kills");
			GreenThread<String> killed = group.spawn(queue::take);
			GreenThread<String> survivor = group.spawn(queue::take);
			await().atMost(TestHubs.WAIT).until(() -> queue.waiters() == 2);
			killed.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> killed.join(TestHubs.WAIT));
			queue.put("item");
			assertThat(survivor.join(TestHubs.WAIT)).isEqualTo("item");
		}
	}

	@Test
	void misuseIsRefusedNamingTheQueueAndTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> GreenQueue.bounded("jobs", -1))
			.withMessage("Queue 'jobs' capacity must not be negative, was: -1");
		assertThatNullPointerException().isThrownBy(() -> GreenQueue.unbounded("jobs").put(null)).withMessage("item");
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	@SuppressWarnings("removal")
	void waitersCountsTheWaitingTakersAndTakersIsItsDeprecatedName(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<String> queue = GreenQueue.bounded("counted", 1);
			GreenThread<String> first = group.spawn(queue::take);
			GreenThread<String> second = group.spawn(queue::take);
			await().atMost(TestHubs.WAIT).until(() -> queue.waiters() == 2);
			assertThat(queue.takers()).isEqualTo(2);
			queue.put("one");
			queue.put("two");
			assertThat(List.of(first.join(TestHubs.WAIT), second.join(TestHubs.WAIT))).containsExactlyInAnyOrder("one",
					"two");
			assertThat(queue.waiters()).isZero();
		}
	}

}
