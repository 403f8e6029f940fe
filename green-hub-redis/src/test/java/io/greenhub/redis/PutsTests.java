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

class PutsTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void putsStartedWhileTheMostAreInFlightGoTogetherInTheNextScript() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis.instance(TestRedis.options().withTimeout(Duration.ofSeconds(10)))
				.queue("batched", 100, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			queue.put("warm");
			long scripts = redis.calls("evalsha");
			List<GreenThread<Void>> putters = new ArrayList<>();
			server.pause();
			try {
				startTheMost(redis, store, queue, putters);
				await().atMost(TestRedis.WAIT).until(() -> inFlight(store));
				for (int i = 0; i < 7; i++) {
					String item = "next-" + i;
					putters.add(redis.hubs.spawn(() -> put(queue, item)));
				}
				await().atMost(TestRedis.WAIT).until(() -> store.puts.waiting() == 7);
			}
			finally {
				server.resume();
			}
			putters.forEach((putter) -> putter.join(TestRedis.WAIT));
			// a script each for the first, one for the seven
			assertThat(redis.calls("evalsha") - scripts).isEqualTo(InFlight.MOST + 1);
			assertThat(redis.raw().xlen("green:queue:{batched}:stream")).isEqualTo(1 + InFlight.MOST + 7);
		}
	}

	@Test
	void putsOfABatchThatFindsTheStreamFullTryAgainAloneAndWaitForRoom() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis.instance(TestRedis.options().withTimeout(Duration.ofSeconds(10)))
				.queue("small", InFlight.MOST + 1, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			List<GreenThread<Void>> putters = new ArrayList<>();
			server.pause();
			try {
				startTheMost(redis, store, queue, putters);
				await().atMost(TestRedis.WAIT).until(() -> inFlight(store));
				for (int i = 0; i < 3; i++) {
					String item = "next-" + i;
					putters.add(redis.hubs.spawn(() -> put(queue, item)));
				}
				await().atMost(TestRedis.WAIT).until(() -> store.puts.waiting() == 3);
			}
			finally {
				server.resume();
			}
			// the batch of three added one: two wait, recorded, for room
			await().atMost(TestRedis.WAIT).until(() -> redis.raw().zcard("green:queue:{small}:putters") == 2);
			List<String> taken = new ArrayList<>();
			for (int i = 0; i < InFlight.MOST + 3; i++) {
				taken.add(queue.take());
				queue.taskDone();
			}
			putters.forEach((putter) -> putter.join(TestRedis.WAIT));
			assertThat(taken).hasSize(InFlight.MOST + 3)
				.doesNotHaveDuplicates()
				.contains("next-0", "next-1", "next-2")
				.allMatch((item) -> item.startsWith("first-") || item.startsWith("next-"));
		}
	}

	// the most puts go, one after the other, each alone (Redis is paused)
	private static void startTheMost(TestRedis redis, RedisQueue<String> store, GreenQueue<String> queue,
			List<GreenThread<Void>> putters) {
		for (int i = 1; i <= InFlight.MOST; i++) {
			String item = "first-" + i;
			putters.add(redis.hubs.spawn(() -> put(queue, item)));
			int puts = i;
			await().atMost(TestRedis.WAIT).until(() -> store.puts.waiting() == 0 && store.puts.inFlight() == puts);
		}
	}

	// the most puts are in flight (Redis is paused), and no other waits for a batch yet
	private static boolean inFlight(RedisQueue<String> store) {
		return store.puts.waiting() == 0 && store.puts.inFlight() == InFlight.MOST;
	}

	private static Void put(GreenQueue<String> queue, String item) {
		queue.put(item);
		return null;
	}

}
