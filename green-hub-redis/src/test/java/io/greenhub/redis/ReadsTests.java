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
	void takesStartedWhileTheMostReadsAreInFlightShareTheNextReadAndEachGetsItsOwnEntry() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis
				.instance(TestRedis.options()
					.withTimeout(Duration.ofSeconds(10))
					.withVisibilityTimeout(Duration.ofMinutes(10)))
				.queue("shared", 100, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			lookForReclaims(queue);
			int entries = InFlight.MOST + 7;
			for (int i = 0; i < entries; i++) {
				queue.put("entry-" + i);
			}
			long reads = redis.calls("xreadgroup");
			List<GreenThread<String>> takers = new ArrayList<>();
			server.pause();
			try {
				// the first takers, one after the other, each send a read of their own,
				// up
				// to the most in flight
				for (int i = 1; i <= InFlight.MOST; i++) {
					takers.add(redis.hubs.spawn(() -> take(queue)));
					int sent = i;
					await().atMost(TestRedis.WAIT).until(() -> inFlight(store, sent));
				}
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
			assertThat(taken).doesNotHaveDuplicates().hasSize(entries).allMatch((item) -> item.startsWith("entry-"));
			assertThat(redis.calls("xreadgroup") - reads).isEqualTo(InFlight.MOST + 1);
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
				await().atMost(TestRedis.WAIT).until(() -> inFlight(store, 1));
				killed.kill();
				await().atMost(TestRedis.WAIT).until(killed::isDone);
			}
			finally {
				server.resume();
			}
			// the next take gets it at once, or is woken for it if it had looked before
			// the
			// entry was left and gone on to wait: well before its own time is up
			assertThat(redis.hubs.spawn(() -> queue.poll(Duration.ofSeconds(30))).join(Duration.ofSeconds(15)))
				.isEqualTo("only");
			queue.taskDone();
			assertThat(store.redeliveries()).isZero();
		}
	}

	// that many reads are in flight (Redis is paused), and no other taker waits for one
	// yet
	private static boolean inFlight(RedisQueue<String> store, int reads) {
		return store.takes.waitingReads() == 0 && store.takes.readInFlight() == reads;
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
