package io.greenhub.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenQueueClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class RedisQueueTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void anEntryPutInOneInstanceIsTakenInAnotherAndTaskDoneAcknowledgesIt() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenQueue<String> producer = GreenQueue
				.of(redis.instance(TestRedis.options()).queue("handover", 10, RedisValueCodec.strings()));
			GreenQueue<String> consumer = GreenQueue
				.of(redis.instance(TestRedis.options()).queue("handover", 10, RedisValueCodec.strings()));
			producer.put("order-1");
			assertThat(consumer.take()).isEqualTo("order-1");
			assertThat(RedisDelivery.current())
				.hasValueSatisfying((delivery) -> assertThat(delivery.redelivered()).isFalse());
			assertThat(producer.poll()).isNull();
			assertThat(redis.raw().xlen("green:queue:{handover}:stream")).isEqualTo(1);
			consumer.taskDone();
			assertThat(RedisDelivery.current()).isEmpty();
			// taskDone does not wait for its acknowledgement; join does
			consumer.join();
			assertThat(redis.raw().xlen("green:queue:{handover}:stream")).isZero();
			assertThatIllegalStateException().isThrownBy(consumer::taskDone)
				.withMessageContaining("more times than entries were taken");
		}
	}

	@Test
	void aPutWaitsWhileTheStreamHoldsCapacityEntriesUntilATaskIsDone() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenQueue<String> producer = GreenQueue
				.of(redis.instance(TestRedis.options()).queue("full", 2, RedisValueCodec.strings()));
			GreenQueue<String> consumer = GreenQueue
				.of(redis.instance(TestRedis.options()).queue("full", 2, RedisValueCodec.strings()));
			producer.put("a");
			producer.put("b");
			assertThat(producer.offer("c", Duration.ofMillis(50))).isFalse();
			GreenThread<Void> waiting = redis.hubs.spawn(() -> {
				producer.put("c");
				return null;
			});
			await().atMost(TestRedis.WAIT)
				.until(() -> redis.raw().xlen("green:queue:{full}:stream") == 2 && !waiting.isDone());
			// taken but not done still counts against the capacity
			assertThat(consumer.take()).isEqualTo("a");
			assertThat(producer.offer("d")).isFalse();
			consumer.taskDone();
			waiting.join(TestRedis.WAIT);
			assertThat(List.of(consumer.take(), consumer.take())).containsExactly("b", "c");
		}
	}

	@Test
	void tenThousandEntriesWithAConsumerJvmKilledMidRunAreAllProcessedAndEveryDuplicateIsARedelivery()
			throws Exception {
		int count = 10_000;
		String visibility = "1000";
		try (TestRedis redis = new TestRedis(server.uri());
				ChildJvm child = new ChildJvm(ConsumerMain.class, server.uri(), "run", visibility)) {
			GreenRedisOptions options = TestRedis.options()
				.withVisibilityTimeout(Duration.ofMillis(Long.parseLong(visibility)));
			GreenQueue<String> queue = GreenQueue
				.of(redis.instance(options).queue("run", 100_000, RedisValueCodec.strings()));
			// item -> deliveries counts of each processing, in this JVM and in the child
			Map<String, List<Long>> processed = new ConcurrentHashMap<>();
			List<GreenThread<Void>> producers = new ArrayList<>();
			for (int p = 0; p < 8; p++) {
				int first = p;
				producers.add(redis.hubs.spawn(() -> {
					for (int i = first; i < count; i += 8) {
						queue.put("item-" + i);
					}
					return null;
				}));
			}
			for (int i = 0; i < 500; i++) {
				record(processed, child.awaitLine("PROCESSED "));
			}
			child.kill();
			child.drain()
				.stream()
				.filter((line) -> line.startsWith("PROCESSED "))
				.forEach((line) -> record(processed, line));
			List<GreenThread<Void>> consumers = new ArrayList<>();
			for (int c = 0; c < 8; c++) {
				consumers.add(redis.hubs.spawn(() -> {
					for (String item = queue.poll(Duration.ofSeconds(3)); item != null; item = queue
						.poll(Duration.ofSeconds(3))) {
						processed.computeIfAbsent(item, (key) -> new CopyOnWriteArrayList<>())
							.add(RedisDelivery.current().orElseThrow().deliveries());
						queue.taskDone();
					}
					return null;
				}));
			}
			producers.forEach((producer) -> producer.join(Duration.ofSeconds(60)));
			consumers.forEach((consumer) -> consumer.join(Duration.ofSeconds(60)));
			// the last acknowledgements are answered
			redis.hubs.spawn(() -> {
				queue.join();
				return null;
			}).join(TestRedis.WAIT);
			assertThat(processed).hasSize(count);
			processed.forEach((item, deliveries) -> assertThat(deliveries.stream().filter((d) -> d == 1))
				.as("first deliveries of %s, processed with deliveries %s", item, deliveries)
				.hasSizeLessThanOrEqualTo(1));
			assertThat(redis.raw().xlen("green:queue:{run}:stream")).isZero();
		}
	}

	@Test
	void aQueueClosedInOneInstanceDrainsThereThenFailsItsTakersWhileTheOtherGoesOn() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenQueue<String> closing = GreenQueue
				.of(redis.instance(TestRedis.options()).queue("closing", 10, RedisValueCodec.strings()));
			GreenQueue<String> other = GreenQueue
				.of(redis.instance(TestRedis.options()).queue("closing", 10, RedisValueCodec.strings()));
			GreenThread<String> waiting = redis.hubs.spawn(() -> closing.take());
			await().atMost(TestRedis.WAIT).until(() -> closing.waiters() == 1);
			closing.close();
			assertThatExceptionOfType(GreenQueueClosedException.class).isThrownBy(() -> waiting.join(TestRedis.WAIT));
			assertThatExceptionOfType(GreenQueueClosedException.class).isThrownBy(() -> closing.put("refused"));
			other.put("kept");
			assertThat(closing.take()).isEqualTo("kept");
			closing.taskDone();
			assertThatExceptionOfType(GreenQueueClosedException.class).isThrownBy(closing::poll);
			other.put("still");
			assertThat(other.take()).isEqualTo("still");
			other.taskDone();
		}
	}

	private static void record(Map<String, List<Long>> processed, String line) {
		String[] parts = line.split(" ");
		processed.computeIfAbsent(parts[1], (key) -> new CopyOnWriteArrayList<>()).add(Long.parseLong(parts[2]));
	}

	@Test
	void anEntryTakenByAThreadThatEndsIsDeliveredAgainAndAtLastGoesToTheDeadLetters() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis
				.instance(TestRedis.options().withVisibilityTimeout(Duration.ofMillis(300)).withMaxDeliveries(2))
				.queue("poison", 10, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			queue.put("poison");
			List<Long> deliveries = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 2; i++) {
				// each taker ends without taskDone
				redis.hubs.spawn(() -> {
					queue.take();
					deliveries.add(RedisDelivery.current().orElseThrow().deliveries());
					return null;
				}).join(TestRedis.WAIT);
			}
			assertThat(deliveries).containsExactly(1L, 2L);
			assertThat(store.redeliveries()).isEqualTo(1);
			assertThat(redis.hubs.spawn(() -> queue.poll(Duration.ofSeconds(2))).join(TestRedis.WAIT)).isNull();
			assertThat(store.deadLetters()).isEqualTo(1);
			assertThat(redis.raw().xrange(store.deadLetterKey(), io.lettuce.core.Range.create("-", "+")))
				.singleElement()
				.satisfies((entry) -> assertThat(entry.getBody()).containsEntry("v", "poison")
					.containsEntry("deliveries", "3"));
			assertThat(redis.raw().xlen("green:queue:{poison}:stream")).isZero();
		}
	}

	@Test
	void withNoOneWaitingNeitherPutNorTaskDonePublishesAndAWaitingTakerIsWokenByAPut() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			// a 60 s visibility: a waiting taker looks again on its own after 30 s only,
			// past the join's bound
			GreenRedisOptions options = TestRedis.options().withVisibilityTimeout(Duration.ofSeconds(60));
			GreenQueue<String> producer = GreenQueue
				.of(redis.instance(options).queue("quiet", 10, RedisValueCodec.strings()));
			GreenQueue<String> consumer = GreenQueue
				.of(redis.instance(options).queue("quiet", 10, RedisValueCodec.strings()));
			long before = redis.calls("publish");
			for (int i = 0; i < 10; i++) {
				producer.put("item-" + i);
				assertThat(consumer.take()).isEqualTo("item-" + i);
				consumer.taskDone();
			}
			consumer.join();
			assertThat(redis.calls("publish")).isEqualTo(before);
			GreenThread<String> waiting = redis.hubs.spawn(() -> consumer.take());
			await().atMost(TestRedis.WAIT).until(() -> redis.raw().zcard("green:queue:{quiet}:takers") == 1);
			producer.put("awaited");
			assertThat(waiting.join(Duration.ofSeconds(15))).isEqualTo("awaited");
			assertThat(redis.calls("publish")).isEqualTo(before + 1);
			assertThat(redis.raw().zcard("green:queue:{quiet}:takers")).isZero();
		}
	}

	@Test
	void aTaskDoneAfterItsInstanceIsClosedIsCountedAsUnconfirmedAndJoinStillReturns() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			RedisQueue<String> store = instance.queue("closed-instance", 10, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			queue.put("last");
			assertThat(queue.take()).isEqualTo("last");
			instance.close();
			// nothing can send its acknowledgement any more: it is lost, and said so
			queue.taskDone();
			assertThat(store.failedAcknowledgements()).isEqualTo(1);
			redis.hubs.spawn(() -> {
				queue.join();
				return null;
			}).join(TestRedis.WAIT);
		}
	}

}
