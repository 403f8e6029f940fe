package io.greenhub.redis;

import java.time.Duration;
import java.util.List;

import io.greenhub.primitives.GreenSemaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class SemaphoreCommandsTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void anUncontendedAcquireAndReleaseRunNoScriptOnceRedisClockIsReckoned() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			GreenSemaphore semaphore = GreenSemaphore.of(instance.semaphore("plain", 2));
			awaitReckoning(instance);
			long scripts = redis.calls("evalsha") + redis.calls("eval");
			long adds = redis.calls("zadd");
			long removals = redis.calls("zrem");
			for (int i = 0; i < 10; i++) {
				semaphore.acquire();
				semaphore.release();
			}
			assertThat(redis.calls("evalsha") + redis.calls("eval") - scripts).isZero();
			assertThat(redis.calls("zadd") - adds).isEqualTo(10);
			assertThat(redis.calls("zrem") - removals).isEqualTo(10);
			assertThat(redis.raw().exists("green:semaphore:{plain}:holders")).isZero();
			// no holder asked for a token, so none was drawn
			assertThat(redis.raw().exists("green:semaphore:{plain}:fence")).isZero();
		}
	}

	@Test
	void aPlainGrantThatFindsTheSemaphoreFullGivesItsLeaseBackAndTheScriptRefusesIt() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis holding = redis.instance(TestRedis.options());
			GreenRedis late = redis.instance(TestRedis.options());
			GreenSemaphore holder = GreenSemaphore.of(holding.semaphore("full", 1));
			// this instance has seen no answer yet, so it reckons one permit free
			RedisSemaphore lateStore = late.semaphore("full", 1);
			GreenSemaphore latecomer = GreenSemaphore.of(lateStore);
			awaitReckoning(late);
			holder.acquire();
			long scripts = redis.calls("evalsha");
			long adds = redis.calls("zadd");
			assertThat(redis.hubs.spawn(latecomer::tryAcquire).join(TestRedis.WAIT)).isFalse();
			// one plain add, then the script, which found the semaphore full and added
			// nothing
			assertThat(redis.calls("zadd") - adds).isEqualTo(1);
			assertThat(redis.calls("evalsha") - scripts).isEqualTo(1);
			assertThat(redis.raw().zcard("green:semaphore:{full}:holders")).isEqualTo(1);
			assertThat(lateStore.availablePermits()).isZero();
			holder.release();
			assertThat(redis.hubs.spawn(latecomer::tryAcquire).join(TestRedis.WAIT)).isTrue();
			latecomer.release();
			assertThat(redis.raw().exists("green:semaphore:{full}:holders")).isZero();
		}
	}

	@Test
	void aPlainGrantWritesAnExpiryNoLaterThanALeaseAfterItOnRedisClock() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			Duration lease = Duration.ofSeconds(10);
			GreenRedis instance = redis.instance(TestRedis.options().withLease(lease));
			RedisSemaphore semaphore = instance.semaphore("expiry", 1);
			awaitReckoning(instance);
			long before = redis.millis();
			try (RedisLease granted = semaphore.acquireLease()) {
				long after = redis.millis();
				List<String> holders = redis.raw().zrange("green:semaphore:{expiry}:holders", 0, -1);
				assertThat(holders).hasSize(1);
				double expiry = redis.raw().zscore("green:semaphore:{expiry}:holders", holders.get(0));
				// TIME is read in whole ms here, so allow the one lost to flooring
				assertThat(expiry).isLessThanOrEqualTo(after + lease.toMillis() + 1);
				// below by at most the reckoning's uncertainty: a round trip on loopback
				assertThat(expiry).isGreaterThan(before + lease.toMillis() - 1000);
				assertThat(granted.token()).isEqualTo(1);
			}
		}
	}

	@Test
	void aPlainGrantDrawsItsFencingTokenAtTheFirstAskAndOnlyWhileItsLeaseIsHeld() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			RedisSemaphore semaphore = instance.semaphore("drawn", 2);
			awaitReckoning(instance);
			String holders = "green:semaphore:{drawn}:holders";
			try (RedisLease first = semaphore.acquireLease()) {
				assertThat(redis.raw().exists("green:semaphore:{drawn}:fence")).isZero();
				assertThat(first.token()).isEqualTo(1);
				assertThat(first.token()).isEqualTo(1);
				RedisLease ended = semaphore.acquireLease();
				// its lease gone from Redis before it asked, as an expired lease that an
				// acquire purged
				assertThat(redis.raw().zrem(holders, ended.id())).isEqualTo(1);
				try (RedisLease later = semaphore.acquireLease()) {
					assertThat(later.token()).isEqualTo(2);
				}
				assertThatExceptionOfType(LeaseExpiredException.class).isThrownBy(ended::token)
					.withMessageContaining("had expired before its fencing token was drawn");
				assertThat(semaphore.expiries()).isEqualTo(1);
				assertThatExceptionOfType(LeaseExpiredException.class).isThrownBy(ended::close);
				assertThat(semaphore.expiries()).isEqualTo(1);
				RedisLease released = semaphore.acquireLease();
				released.close();
				assertThatIllegalStateException().isThrownBy(released::token)
					.withMessageContaining("was released before its fencing token was drawn");
				assertThat(semaphore.expiries()).isEqualTo(1);
			}
			assertThat(redis.raw().get("green:semaphore:{drawn}:fence")).isEqualTo("2");
		}
	}

	static void awaitReckoning(GreenRedis instance) {
		await().atMost(TestRedis.WAIT).until(() -> instance.clock().at(System.nanoTime(), Long.MAX_VALUE) != null);
	}

}
