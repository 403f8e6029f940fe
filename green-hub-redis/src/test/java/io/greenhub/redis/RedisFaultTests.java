package io.greenhub.redis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.spi.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Redis stopped, paused and restarted under the primitives: every wait is bounded by the
 * timeout, the primitives work again once Redis is back, and an append-only Redis
 * restarted in the middle of a run loses no entry.
 */
class RedisFaultTests {

	@RegisterExtension
	static final RedisServerExtension server = RedisServerExtension.appendOnly();

	@Test
	void withRedisStoppedEveryOperationFailsWithinTheTimeoutAndWorksAgainOnceItIsBack() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			GreenSemaphore semaphore = GreenSemaphore.of(instance.semaphore("outage", 1));
			GreenQueue<String> queue = GreenQueue.of(instance.queue("outage", 10, RedisValueCodec.strings()));
			server.stop();
			try {
				GreenThread<Void> waiter = redis.hubs.spawn(() -> {
					semaphore.acquire();
					return null;
				});
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> waiter.join(TestRedis.WAIT))
					.withMessageContaining("semaphore 'outage'");
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> queue.put("lost?"))
					.withMessageContaining("queue 'outage'");
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(queue::take);
			}
			finally {
				server.start();
			}
			await().atMost(TestRedis.WAIT)
				.ignoreExceptionsInstanceOf(StoreUnavailableException.class)
				.until(semaphore::tryAcquire);
			semaphore.release();
			queue.put("after");
			assertThat(queue.take()).isEqualTo("after");
			queue.taskDone();
		}
	}

	@Test
	void withRedisPausedEveryWaitIsBoundedAndTheWaitsEndOnceItResumes() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			GreenSemaphore semaphore = GreenSemaphore.of(instance.semaphore("paused", 1));
			GreenQueue<String> queue = GreenQueue.of(instance.queue("paused", 10, RedisValueCodec.strings()));
			semaphore.acquire();
			GreenThread<Boolean> waiter = redis.hubs.spawn(() -> semaphore.tryAcquire(Duration.ofMinutes(5)));
			GreenThread<String> taker = redis.hubs.spawn(() -> queue.take());
			await().atMost(TestRedis.WAIT).until(() -> semaphore.waiters() == 1 && queue.waiters() == 1);
			server.pause();
			try {
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(semaphore::release)
					.withMessageContaining("did not answer within");
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> queue.put("x"));
			}
			finally {
				server.resume();
			}
			// the waiters were woken by the release that Redis applied late, or look
			// again on their timers
			await().atMost(TestRedis.WAIT)
				.ignoreExceptionsInstanceOf(StoreUnavailableException.class)
				.until(() -> queue.offer("y"));
			assertThat(taker.join(TestRedis.WAIT)).isIn("x", "y");
			assertThat(waiter.isDone() || semaphore.waiters() == 1).isTrue();
			waiter.kill();
		}
	}

	@Test
	void aReleaseThatTimesOutButThatRedisAppliesLateStillWakesAWaiterInAnotherInstance() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			List<GreenSemaphore> late = redis.oneSemaphoreInTwoInstances("late");
			GreenSemaphore holder = late.get(0);
			GreenSemaphore other = late.get(1);
			holder.acquire();
			GreenThread<Boolean> waiter = redis.hubs.spawn(() -> other.tryAcquire(Duration.ofMinutes(5)));
			await().atMost(TestRedis.WAIT).until(() -> redis.raw().zcard("green:semaphore:{late}:waiters") == 1);
			server.pause();
			try {
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(holder::release);
			}
			finally {
				server.resume();
			}
			assertThat(waiter.join(TestRedis.WAIT)).isTrue();
			redis.hubs.spawn(() -> {
				other.release();
				return null;
			}).join(TestRedis.WAIT);
		}
	}

	@Test
	void aLeaseThatRanOutWhileRedisWasPausedIsReportedAtItsReleaseThoughNoAcquireRemovedIt() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisSemaphore shortLease = redis.instance(TestRedis.options().withLease(Duration.ofMillis(600)))
				.semaphore("lapsed", 3);
			RedisSemaphore longLease = redis.instance(TestRedis.options().withLease(Duration.ofSeconds(60)))
				.semaphore("lapsed", 3);
			// the long lease keeps the holders' set, and so the short lease in it, past
			// the
			// short one's end
			RedisLease kept = longLease.acquireLease();
			RedisLease lapsed = shortLease.acquireLease();
			server.pause();
			try {
				// the short lease's renewals time out meanwhile: it runs out, and nothing
				// removes it
				await().pollDelay(Duration.ofMillis(1500)).atMost(TestRedis.WAIT).until(() -> true);
			}
			finally {
				server.resume();
			}
			assertThat(redis.raw().zcard("green:semaphore:{lapsed}:holders")).isEqualTo(2);
			assertThatExceptionOfType(LeaseExpiredException.class).isThrownBy(lapsed::close)
				.withMessageContaining("had expired before its release");
			assertThat(shortLease.expiries()).isEqualTo(1);
			kept.close();
			assertThat(longLease.expiries()).isZero();
			assertThat(redis.raw().exists("green:semaphore:{lapsed}:holders")).isZero();
		}
	}

	@Test
	void anAppendOnlyRedisRestartedMidRunLosesNoEntry() {
		int count = 600;
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenQueue<String> producer = GreenQueue
				.of(redis.instance(TestRedis.options()).queue("restarted", 10_000, RedisValueCodec.strings()));
			GreenQueue<String> consumer = GreenQueue
				.of(redis.instance(TestRedis.options().withVisibilityTimeout(Duration.ofSeconds(1)))
					.queue("restarted", 10_000, RedisValueCodec.strings()));
			Set<String> seen = ConcurrentHashMap.newKeySet();
			GreenThread<Void> consuming = redis.hubs.spawn(() -> {
				while (seen.size() < count) {
					try {
						String item = consumer.poll(Duration.ofSeconds(1));
						if (item != null) {
							seen.add(item);
							consumer.taskDone();
						}
					}
					catch (StoreUnavailableException ex) {
						// Redis is restarting: look again
					}
				}
				return null;
			});
			for (int i = 0; i < count; i++) {
				if (i == count / 2) {
					server.restart();
				}
				String item = "entry-" + i;
				// a put that fails may have been stored: put again, a duplicate is no
				// loss
				putUntilStored(producer, item);
			}
			consuming.join(Duration.ofSeconds(60));
			assertThat(seen).hasSize(count);
		}
	}

	@Test
	void aTaskDoneWhoseAcknowledgementIsLostReturnsAtOnceAndItsEntryIsDeliveredAgainAsARedelivery() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedisOptions options = TestRedis.options().withVisibilityTimeout(Duration.ofSeconds(1));
			RedisQueue<String> store = redis.instance(options).queue("unacknowledged", 10, RedisValueCodec.strings());
			GreenQueue<String> consumer = GreenQueue.of(store);
			GreenQueue<String> other = GreenQueue
				.of(redis.instance(options).queue("unacknowledged", 10, RedisValueCodec.strings()));
			consumer.put("once");
			assertThat(consumer.take()).isEqualTo("once");
			server.stop();
			try {
				// the acknowledgement waits in Lettuce's buffer for a connection, until
				// the timeout drops it
				consumer.taskDone();
				await().atMost(TestRedis.WAIT).until(() -> store.failedAcknowledgements() == 1);
				consumer.join();
			}
			finally {
				server.start();
			}
			String again = redis.hubs.spawn(() -> {
				String item = other.poll(TestRedis.WAIT);
				assertThat(RedisDelivery.current()).hasValueSatisfying((delivery) -> {
					assertThat(delivery.redelivered()).isTrue();
					assertThat(delivery.deliveries()).isEqualTo(2);
				});
				other.taskDone();
				other.join();
				return item;
			}).join(TestRedis.WAIT);
			assertThat(again).isEqualTo("once");
			assertThat(redis.raw().xlen("green:queue:{unacknowledged}:stream")).isZero();
		}
	}

	@Test
	void joinWaitsForTheAnswerToAnAcknowledgementAndOneThatRedisAppliesLateIsNotDeliveredAgain() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisQueue<String> store = redis.instance(TestRedis.options().withVisibilityTimeout(Duration.ofSeconds(1)))
				.queue("late", 10, RedisValueCodec.strings());
			GreenQueue<String> queue = GreenQueue.of(store);
			// one whole round first, so that this Redis knows the scripts by their SHA: a
			// paused
			// Redis answers an unknown SHA with NOSCRIPT only on resuming, when the
			// taskDone has
			// given up, and so never applies it
			queue.put("first");
			assertThat(queue.take()).isEqualTo("first");
			queue.taskDone();
			redis.hubs.spawn(() -> {
				queue.join();
				return null;
			}).join(TestRedis.WAIT);
			queue.put("slow");
			assertThat(queue.take()).isEqualTo("slow");
			server.pause();
			try {
				queue.taskDone();
				// join returns only once the acknowledgement is answered: here, by its
				// timeout
				redis.hubs.spawn(() -> {
					queue.join();
					return null;
				}).join(TestRedis.WAIT);
				assertThat(store.failedAcknowledgements()).isEqualTo(1);
			}
			finally {
				server.resume();
			}
			// the paused Redis had the command in its socket and applies it on resuming
			await().atMost(TestRedis.WAIT)
				.ignoreExceptions()
				.until(() -> redis.raw().xlen("green:queue:{late}:stream") == 0);
			assertThat(redis.hubs.spawn(() -> queue.poll(Duration.ofSeconds(2))).join(TestRedis.WAIT)).isNull();
			assertThat(store.redeliveries()).isZero();
		}
	}

	// each try is bounded by the timeout, all of them by the test's bound
	private static void putUntilStored(GreenQueue<String> queue, String item) {
		long deadline = System.nanoTime() + TestRedis.WAIT.toNanos();
		for (;;) {
			try {
				queue.put(item);
				return;
			}
			catch (StoreUnavailableException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
			}
		}
	}

}
