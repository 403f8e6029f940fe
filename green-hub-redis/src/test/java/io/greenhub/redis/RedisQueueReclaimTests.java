package io.greenhub.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When takes look for entries to reclaim: at most once every tenth of the visibility
 * timeout per instance, and then through the whole of the pending entries; between two
 * looks a take that finds an entry is one plain XREADGROUP.
 */
class RedisQueueReclaimTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void takesLookForEntriesToReclaimAtMostOnceEveryTenthOfTheVisibilityTimeout() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			Duration visibility = Duration.ofSeconds(30);
			GreenQueue<String> queue = GreenQueue
				.of(redis.instance(TestRedis.options().withVisibilityTimeout(visibility))
					.queue("looks", 10, RedisValueCodec.strings()));
			long before = redis.calls("xautoclaim");
			long started = System.nanoTime();
			for (int i = 0; i < 50; i++) {
				queue.put("item-" + i);
				assertThat(queue.take()).isEqualTo("item-" + i);
				queue.taskDone();
			}
			long elapsed = System.nanoTime() - started;
			queue.join();
			// the first take looks; another only once a tenth of the visibility timeout
			// has passed
			long interval = visibility.toNanos() / RedisQueue.RECLAIM_LOOKS;
			assertThat(redis.calls("xautoclaim") - before).isBetween(1L, 1 + elapsed / interval);
		}
	}

	@Test
	void aTakeBetweenTwoLooksThatFindsAnEntryRunsNoScriptButOneXreadgroupAndEachPutCarriesTheTaskDoneBeforeIt() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenQueue<String> queue = lookedOnce(redis, "plain");
			long scripts = redis.calls("evalsha");
			long reads = redis.calls("xreadgroup");
			long acks = redis.calls("xack");
			for (int i = 0; i < 10; i++) {
				queue.put("item-" + i);
				assertThat(queue.take()).isEqualTo("item-" + i);
				assertThat(RedisDelivery.current()).hasValueSatisfying((delivery) -> {
					assertThat(delivery.deliveries()).isEqualTo(1);
					assertThat(delivery.queue()).isEqualTo("plain");
				});
				queue.taskDone();
			}
			queue.join();
			// a round is the put's script, carrying the taskDone before it, and the
			// take's
			// XREADGROUP; the last taskDone, which no put carries, is one script more (a
			// pause of more than the carry time between a taskDone and the next put
			// sends that taskDone alone: one more each, 20 if no put carried any)
			assertThat(redis.calls("evalsha") - scripts).isBetween(11L, 19L);
			assertThat(redis.calls("xreadgroup") - reads).isEqualTo(10);
			assertThat(redis.calls("xack") - acks).isEqualTo(10);
			// every entry acknowledged and deleted
			assertThat(redis.raw().xlen("green:queue:{plain}:stream")).isZero();
		}
	}

	@Test
	void aTakeBetweenTwoLooksMakesTheGroupAgainWhenTheStreamWasDeleted() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenQueue<String> queue = lookedOnce(redis, "deleted");
			// the stream and its group gone (a FLUSHALL, an operator): the next put makes
			// a stream without a group
			redis.raw().del("green:queue:{deleted}:stream");
			queue.put("second");
			assertThat(queue.take()).isEqualTo("second");
			queue.taskDone();
			queue.join();
			assertThat(redis.raw().xlen("green:queue:{deleted}:stream")).isZero();
		}
	}

	// A queue of a 60 s visibility timeout, one entry put, taken and done: its first take
	// looked for entries to reclaim, and the next look is 6 s later.
	private static GreenQueue<String> lookedOnce(TestRedis redis, String name) {
		GreenQueue<String> queue = GreenQueue
			.of(redis.instance(TestRedis.options().withVisibilityTimeout(Duration.ofSeconds(60)))
				.queue(name, 10, RedisValueCodec.strings()));
		queue.put("first");
		assertThat(queue.take()).isEqualTo("first");
		queue.taskDone();
		queue.join();
		return queue;
	}

	@Test
	void anEntryLeftBehindMoreThanTenEntriesOfLivingTakersIsDeliveredAgain() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			// long enough that the renewal (every third) keeps the living takers' entries
			// their own
			GreenRedisOptions options = TestRedis.options().withVisibilityTimeout(Duration.ofSeconds(2));
			GreenQueue<String> queue = GreenQueue
				.of(redis.instance(options).queue("deep", 100, RedisValueCodec.strings()));
			CountDownLatch done = new CountDownLatch(1);
			List<GreenThread<String>> holders = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				queue.put("held-" + i);
				holders.add(redis.hubs.spawn(() -> {
					String item = queue.take();
					done.await();
					queue.taskDone();
					return item;
				}));
			}
			await().atMost(TestRedis.WAIT)
				.until(() -> redis.raw().xpending("green:queue:{deep}:stream", "green").getCount() == 12);
			queue.put("abandoned");
			// taken by a thread that ends without taskDone: the 13th pending entry,
			// behind 12 renewed ones
			assertThat(redis.hubs.spawn(() -> queue.take()).join(TestRedis.WAIT)).isEqualTo("abandoned");
			GreenThread<String> again = redis.hubs.spawn(() -> {
				String item = queue.poll(TestRedis.WAIT);
				return item + " " + RedisDelivery.current().orElseThrow().deliveries();
			});
			assertThat(again.join(TestRedis.WAIT.plusSeconds(5))).isEqualTo("abandoned 2");
			done.countDown();
			holders.forEach((holder) -> assertThat(holder.join(TestRedis.WAIT)).startsWith("held-"));
		}
	}

}
