package io.greenhub.redis;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class RedisClockTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void aReckoningIsNoLaterThanRedisClockAndAtMostItsUncertaintyEarlier() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			SemaphoreCommandsTests.awaitReckoning(instance);
			for (int i = 0; i < 20; i++) {
				long before = redis.millis();
				RedisClock.Reckoning now = instance.clock().at(System.nanoTime(), Long.MAX_VALUE);
				long after = redis.millis();
				assertThat(now).isNotNull();
				// Redis's clock at the reckoned moment lies between the two TIMEs (each
				// floored to ms)
				assertThat(now.millis()).isLessThanOrEqualTo(after + 1);
				assertThat(now.millis() + TimeUnit.NANOSECONDS.toMillis(now.uncertainty()) + 1)
					.isGreaterThanOrEqualTo(before);
				// the round trip, and a ms for each of the two roundings down to whole ms
				assertThat(now.uncertainty()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2));
			}
		}
	}

	@Test
	void thereIsNoReckoningBeforeTheFirstSampleAfterTheLastHasAgedOrBeyondTheBound() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			RedisClock unsampled = new RedisClock(instance.calls());
			assertThat(unsampled.at(System.nanoTime(), Long.MAX_VALUE)).isNull();
			SemaphoreCommandsTests.awaitReckoning(instance);
			long now = System.nanoTime();
			assertThat(instance.clock().at(now, Long.MAX_VALUE)).isNotNull();
			// a round trip and the ms lost to flooring: never under 1 ms
			assertThat(instance.clock().at(now, TimeUnit.MILLISECONDS.toNanos(1))).isNull();
			assertThat(instance.clock().at(now + RedisClock.MAX_AGE + TimeUnit.SECONDS.toNanos(2), Long.MAX_VALUE))
				.isNull();
		}
	}

}
