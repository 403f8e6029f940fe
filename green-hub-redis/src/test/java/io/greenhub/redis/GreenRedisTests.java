package io.greenhub.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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

}
