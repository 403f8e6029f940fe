package io.greenhub.redis;

import java.time.Duration;

import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenSemaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GreenRedisTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void aClosedFactoryMakesNoPrimitiveAndSaysWhichAndThatItIsClosed() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			instance.semaphore("before", 1);
			instance.close();
			assertThatIllegalStateException().isThrownBy(() -> instance.semaphore("after", 1))
				.withMessage("Cannot make the semaphore 'after': this GreenRedis is closed");
			assertThatIllegalStateException().isThrownBy(() -> instance.queue("after", 10, RedisValueCodec.strings()))
				.withMessage("Cannot make the queue 'after': this GreenRedis is closed");
			assertThatIllegalStateException()
				.isThrownBy(() -> instance.event("after", RedisValueCodec.strings(), Duration.ofMinutes(1)))
				.withMessage("Cannot make the event 'after': this GreenRedis is closed");
		}
	}

	@Test
	void itsCallsAreBoundedByItsOwnTimeoutAndNotByTheClientsShorterCommandTimeout() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			// the client times its commands out after 1 s, green-hub after 10 s
			GreenRedis instance = redis.instance(TestRedis.options().withTimeout(Duration.ofSeconds(10)),
					Duration.ofSeconds(1));
			GreenSemaphore semaphore = GreenSemaphore.of(instance.semaphore("patient", 1));
			GreenThread<Void> acquirer;
			server.pause();
			try {
				acquirer = redis.hubs.spawn(() -> {
					semaphore.acquire();
					return null;
				});
				// well past the client's 1 s, the acquire still waits for Redis
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(8)).until(() -> !acquirer.isDone());
			}
			finally {
				server.resume();
			}
			assertThat(acquirer.join(TestRedis.WAIT)).isNull();
			semaphore.release();
		}
	}

}
