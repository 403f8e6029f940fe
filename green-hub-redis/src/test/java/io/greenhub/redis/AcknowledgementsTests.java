package io.greenhub.redis;

import java.time.Duration;

import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The carry time of a queue's acknowledgements: longer while this instance's puts carry
 * them, the shortest again once they stop, and the shortest for the ids that a waiting
 * putter of this instance needs.
 */
class AcknowledgementsTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void theCarryTimeGrowsWhilePutsCarryTheAcknowledgementsAndIsTheShortestAgainOnceNoPutCarriesThem() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis.instance(TestRedis.options())
				.queue("carried", 10, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			assertThat(store.acknowledgements.carry()).isEqualTo(Acknowledgements.SHORTEST_CARRY);
			// each round's put carries the taskDone before it: the renewal thread finds
			// nothing to send, time after time (1 + 2 + 4 ms, then the longest)
			long deadline = System.nanoTime() + TestRedis.WAIT.toNanos();
			while (store.acknowledgements.carry() < Acknowledgements.LONGEST_CARRY && System.nanoTime() < deadline) {
				queue.put("item");
				assertThat(queue.take()).isEqualTo("item");
				queue.taskDone();
			}
			assertThat(store.acknowledgements.carry()).isEqualTo(Acknowledgements.LONGEST_CARRY);
			// no put comes after the last taskDone: the renewal thread sends it, and
			// makes
			// the carry time the shortest again
			await().atMost(TestRedis.WAIT).until(() -> redis.raw().xlen("green:queue:{carried}:stream") == 0);
			await().atMost(TestRedis.WAIT)
				.until(() -> store.acknowledgements.carry() == Acknowledgements.SHORTEST_CARRY);
			queue.join();
			assertThat(store.failedAcknowledgements()).isZero();
			assertThat(store.acknowledgements.hurried()).isZero();
		}
	}

	@Test
	void whileAPutterOfThisInstanceWaitsForRoomATaskDoneHasItsAcknowledgementSentWithinTheShortestCarryTime() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis.instance(TestRedis.options().withTimeout(Duration.ofSeconds(10)))
				.queue("hurried", 1, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			queue.put("first");
			assertThat(queue.take()).isEqualTo("first");
			GreenThread<Void> putter = redis.hubs.spawn(() -> {
				queue.put("second");
				return null;
			});
			// full: the putter waits, recorded, for the room the taskDone makes
			await().atMost(TestRedis.WAIT)
				.until(() -> store.waitingPutters() == 1 && redis.raw().zcard("green:queue:{hurried}:putters") == 1);
			queue.taskDone();
			assertThat(store.acknowledgements.hurried()).isEqualTo(1);
			putter.join(TestRedis.WAIT);
			assertThat(queue.take()).isEqualTo("second");
			queue.taskDone();
			queue.join();
			assertThat(redis.raw().xlen("green:queue:{hurried}:stream")).isZero();
		}
	}

}
