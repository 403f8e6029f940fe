package io.greenhub.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReadsTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void takesStartedWhileOneIsInFlightShareTheNextReadAndEachGetsItsOwnEntry() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis
				.instance(TestRedis.options()
					.withTimeout(Duration.ofSeconds(10))
					.withVisibilityTimeout(Duration.ofMinutes(10)))
				.queue("shared", 100, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			lookForReclaims(queue);
			for (int i = 0; i < 8; i++) {
				queue.put("entry-" + i);
			}
			long reads = redis.calls("xreadgroup");
			List<GreenThread<String>> takers = new ArrayList<>();
			server.pause();
			try {
				takers.add(redis.hubs.spawn(() -> take(queue)));
				await().atMost(TestRedis.WAIT).until(() -> inFlight(store));
				for (int i = 0; i < 7; i++) {
					takers.add(redis.hubs.spawn(() -> take(queue)));
				}
				await().atMost(TestRedis.WAIT).until(() -> store.takes.waitingReads() == 7);
			}
			finally {
				server.resume();
			}
			List<String> taken = new ArrayList<>();
			takers.forEach((taker) -> taken.add(taker.join(TestRedis.WAIT)));
			assertThat(taken).doesNotHaveDuplicates().hasSize(8).allMatch((item) -> item.startsWith("entry-"));
			assertThat(redis.calls("xreadgroup") - reads).isEqualTo(2);
		}
	}

	@Test
	void anEntryReadForATakerKilledMeanwhileGoesToTheNextTakeAtOnce() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			// a visibility timeout far longer than the test: the entry must not wait for
			// a
			// reclaim
			RedisQueue<String> store = redis
				.instance(TestRedis.options()
					.withTimeout(Duration.ofSeconds(10))
					.withVisibilityTimeout(Duration.ofMinutes(10)))
				.queue("orphan", 100, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			lookForReclaims(queue);
			queue.put("only");
			GreenThread<String> killed;
			server.pause();
			try {
				killed = redis.hubs.spawn(() -> take(queue));
				await().atMost(TestRedis.WAIT).until(() -> inFlight(store));
				killed.kill();
				await().atMost(TestRedis.WAIT).until(killed::isDone);
			}
			finally {
				server.resume();
			}
			assertThat(redis.hubs.spawn(() -> queue.poll(Duration.ofSeconds(10))).join(TestRedis.WAIT))
				.isEqualTo("only");
			queue.taskDone();
			assertThat(store.redeliveries()).isZero();
		}
	}

	// the read alone is in flight (Redis is paused), and no other taker waits for one yet
	private static boolean inFlight(RedisQueue<String> store) {
		return store.takes.waitingReads() == 0 && store.takes.readInFlight() == 1;
	}

	// a first take looks for entries to reclaim, with a script: then none is due for a
	// tenth of the visibility timeout, a minute
	private static void lookForReclaims(GreenQueue<String> queue) {
		queue.put("first");
		assertThat(queue.take()).isEqualTo("first");
		queue.taskDone();
	}

	private static String take(GreenQueue<String> queue) {
		String item = queue.take();
		queue.taskDone();
		return item;
	}

}
