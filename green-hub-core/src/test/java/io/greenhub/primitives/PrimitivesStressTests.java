package io.greenhub.primitives;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many producers, consumers and acquirers on several hubs and platform threads, with
 * random kills: at the end every item was delivered exactly once, every permit is back
 * and no waiter is left. The seed is fixed, so a failure reproduces.
 */
class PrimitivesStressTests {

	private static final int PRODUCERS = 8;

	private static final int ITEMS_EACH = 500;

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void everyItemPutIsTakenExactlyOnceDespiteKills(HubMode mode) throws Exception {
		Random random = new Random(42);
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenQueue<Integer> queue = GreenQueue.bounded("stress", 16);
			Set<Integer> put = ConcurrentHashMap.newKeySet();
			List<Integer> taken = new CopyOnWriteArrayList<>();
			List<GreenThread<?>> victims = new ArrayList<>();
			List<GreenThread<?>> producers = new ArrayList<>();
			for (int p = 0; p < PRODUCERS; p++) {
				int base = p * ITEMS_EACH;
				producers.add(group.hubs().get(p % 2).spawn(() -> {
					for (int i = 0; i < ITEMS_EACH; i++) {
						queue.put(base + i);
						put.add(base + i);
					}
					return null;
				}));
			}
			for (int c = 0; c < 6; c++) {
				victims.add(group.hubs().get(c % 2).spawn(() -> consume(queue, taken)));
			}
			ExecutorService platform = Executors.newSingleThreadExecutor();
			Future<?> platformConsumer = platform.submit(() -> consume(queue, taken));
			for (int v = 0; v < victims.size(); v++) {
				int progress = (v + 1) * 400;
				// kills spread over the run: each waits until the consumers have made
				// progress
				await().atMost(TestHubs.WAIT).until(() -> taken.size() >= progress);
				if (random.nextBoolean()) {
					victims.get(v).kill();
				}
			}
			for (GreenThread<?> producer : producers) {
				producer.join(TestHubs.WAIT);
			}
			queue.close();
			for (GreenThread<?> victim : victims) {
				try {
					victim.join(TestHubs.WAIT);
				}
				catch (GreenKilledException | GreenQueueClosedException ex) {
					// killed consumers end early; the others end when the closed queue is
					// empty
				}
			}
			platformConsumer.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			platform.shutdown();
			assertThat(new HashSet<>(taken)).hasSameSizeAs(taken).isEqualTo(put);
			assertThat(put).hasSize(PRODUCERS * ITEMS_EACH);
			assertThat(queue.size()).isZero();
			assertThat(queue.waiters()).isZero();
			assertThat(group.alive()).isZero();
		}
	}

	private static Void consume(GreenQueue<Integer> queue, List<Integer> taken) {
		try {
			for (;;) {
				taken.add(queue.take());
				Green.sleep(Duration.ZERO);
			}
		}
		catch (GreenQueueClosedException ex) {
			return null;
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void permitsAreAllBackAfterContendedAcquiresAndKills(HubMode mode) throws Exception {
		Random random = new Random(7);
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenSemaphore semaphore = GreenSemaphore.bounded("stress", 3);
			AtomicInteger inside = new AtomicInteger();
			AtomicInteger highest = new AtomicInteger();
			List<GreenThread<?>> threads = new ArrayList<>();
			for (int t = 0; t < 40; t++) {
				threads.add(group.hubs().get(t % 2).spawn(() -> {
					for (int i = 0; i < 50; i++) {
						semaphore.withPermit(() -> {
							highest.accumulateAndGet(inside.incrementAndGet(), Math::max);
							try {
								Green.sleep(Duration.ZERO);
							}
							finally {
								inside.decrementAndGet();
							}
							return null;
						});
					}
					return null;
				}));
			}
			for (GreenThread<?> thread : threads) {
				if (random.nextInt(4) == 0) {
					thread.kill();
				}
			}
			for (GreenThread<?> thread : threads) {
				try {
					thread.join(TestHubs.WAIT);
				}
				catch (GreenKilledException ex) {
					// killed while waiting or between permits
				}
			}
			assertThat(highest.get()).isLessThanOrEqualTo(3);
			assertThat(semaphore.availablePermits()).isEqualTo(3);
			assertThat(semaphore.waiters()).isZero();
			assertThat(inside).hasValue(0);
		}
	}

}
