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
	void putsStartedWhileOneIsInFlightGoTogetherInTheNextScript() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis.instance(TestRedis.options().withTimeout(Duration.ofSeconds(10)))
				.queue("batched", 100, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			queue.put("warm");
			long scripts = redis.calls("evalsha");
			List<GreenThread<Void>> putters = new ArrayList<>();
			server.pause();
			try {
				putters.add(redis.hubs.spawn(() -> put(queue, "first")));
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
			assertThat(redis.calls("evalsha") - scripts).isEqualTo(2);
			assertThat(redis.raw().xlen("green:queue:{batched}:stream")).isEqualTo(9);
		}
	}

	@Test
	void putsOfABatchThatFindsTheStreamFullTryAgainAloneAndWaitForRoom() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis.instance(TestRedis.options().withTimeout(Duration.ofSeconds(10)))
				.queue("small", 2, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			List<GreenThread<Void>> putters = new ArrayList<>();
			server.pause();
			try {
				putters.add(redis.hubs.spawn(() -> put(queue, "first")));
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
			for (int i = 0; i < 4; i++) {
				taken.add(queue.take());
				queue.taskDone();
			}
			putters.forEach((putter) -> putter.join(TestRedis.WAIT));
			assertThat(taken).containsExactlyInAnyOrder("first", "next-0", "next-1", "next-2");
		}
	}

	// the put alone is in flight (Redis is paused), and no other waits for a batch yet
	private static boolean inFlight(RedisQueue<String> store) {
		return store.puts.waiting() == 0 && store.puts.inFlight() == 1;
	}

	private static Void put(GreenQueue<String> queue, String item) {
		queue.put(item);
		return null;
	}

}
