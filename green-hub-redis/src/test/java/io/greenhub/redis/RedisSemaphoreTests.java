package io.greenhub.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.Green;
import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenSemaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class RedisSemaphoreTests {

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void twoInstancesUnderLoadNeverHaveMoreHoldersThanPermits() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			List<GreenSemaphore> instances = List.of(
					GreenSemaphore.of(redis.instance(TestRedis.options()).semaphore("load", 3)),
					GreenSemaphore.of(redis.instance(TestRedis.options()).semaphore("load", 3)));
			AtomicInteger holders = new AtomicInteger();
			AtomicInteger peak = new AtomicInteger();
			List<GreenThread<Void>> workers = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				GreenSemaphore semaphore = instances.get(i % 2);
				workers.add(redis.hubs.spawn(() -> {
					for (int round = 0; round < 4; round++) {
						semaphore.withPermit(() -> {
							peak.accumulateAndGet(holders.incrementAndGet(), Math::max);
							Green.sleep(Duration.ofMillis(40)); // the work done under the
																// permit
							return holders.decrementAndGet();
						});
					}
					return null;
				}));
			}
			workers.forEach((worker) -> worker.join(TestRedis.WAIT));
			// never more than the permits; more than one, so the permits are shared, not
			// serialised
			assertThat(peak.get()).isBetween(2, 3);
			assertThat(redis.raw().zcard("green:semaphore:{load}:holders")).isZero();
			assertThat(instances.get(1).waiters()).isZero();
		}
	}

	@Test
	void eachGrantCarriesALargerFencingToken() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisSemaphore first = redis.instance(TestRedis.options()).semaphore("fenced", 1);
			RedisSemaphore second = redis.instance(TestRedis.options()).semaphore("fenced", 1);
			List<Long> tokens = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				try (RedisLease lease = ((i % 2 == 0) ? first : second).acquireLease()) {
					assertThat(((i % 2 == 0) ? first : second).currentLease()).containsSame(lease);
					tokens.add(lease.token());
				}
			}
			assertThat(tokens).isSorted().doesNotHaveDuplicates();
		}
	}

	@Test
	void theHoldersKeyHasNoTimeToLiveSoAShortLeaseGrantedAfterALongOneCannotEndItAndItGoesWithTheLastRelease() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisSemaphore longer = redis.instance(TestRedis.options().withLease(Duration.ofSeconds(60)))
				.semaphore("mixed", 3);
			RedisSemaphore shorter = redis.instance(TestRedis.options().withLease(Duration.ofSeconds(1)))
				.semaphore("mixed", 3);
			try (RedisLease first = longer.acquireLease(); RedisLease second = shorter.acquireLease()) {
				// no time to live at all: none to shorten
				assertThat(redis.raw().pttl("green:semaphore:{mixed}:holders")).isEqualTo(-1);
			}
			assertThat(redis.raw().exists("green:semaphore:{mixed}:holders")).isZero();
		}
	}

	@Test
	void aReleaseInOneInstanceWakesAWaiterInAnother() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			// the waiter's only timer is far past its 15 s wait
			List<GreenSemaphore> woken = redis.oneSemaphoreInTwoInstances("woken");
			GreenSemaphore holder = woken.get(0);
			GreenSemaphore waiter = woken.get(1);
			holder.acquire();
			GreenThread<Boolean> waiting = redis.hubs.spawn(() -> waiter.tryAcquire(Duration.ofSeconds(15)));
			await().atMost(TestRedis.WAIT).until(() -> waiter.waiters() == 1);
			holder.release();
			assertThat(waiting.join(TestRedis.WAIT)).isTrue();
			redis.hubs.spawn(() -> {
				waiter.release();
				return null;
			}).join(TestRedis.WAIT);
		}
	}

	@Test
	void permitsOfAKilledInstanceReturnWithinTheLease() throws Exception {
		try (TestRedis redis = new TestRedis(server.uri());
				ChildJvm child = new ChildJvm(HolderMain.class, server.uri(), "crash", "2", "1500", "2")) {
			GreenSemaphore survivor = GreenSemaphore.of(redis.instance(TestRedis.options()).semaphore("crash", 2));
			child.awaitLine("HELD");
			assertThat(survivor.tryAcquire()).isFalse();
			child.kill();
			// lease 1.5 s plus a margin
			assertThat(survivor.tryAcquire(Duration.ofSeconds(5))).isTrue();
			assertThat(survivor.tryAcquire(Duration.ofSeconds(5))).isTrue();
			survivor.release();
			survivor.release();
		}
	}

	@Test
	void aLeaseRenewedWhileItsHolderLivesOutlastsTheLeaseTime() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisSemaphore semaphore = redis.instance(TestRedis.options().withLease(Duration.ofMillis(300)))
				.semaphore("renewed", 1);
			RedisLease lease = semaphore.acquireLease();
			await().atMost(TestRedis.WAIT).until(() -> semaphore.renewals() >= 6);
			assertThat(semaphore.acquire(0)).isFalse();
			lease.close();
			assertThat(semaphore.expiries()).isZero();
		}
	}

	@Test
	void aReleaseOfAnExpiredLeaseIsReportedAndCounted() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			RedisSemaphore semaphore = redis.instance(TestRedis.options()).semaphore("expired", 1);
			semaphore.acquire(-1);
			// as if the lease had run out: gone from Redis
			redis.raw().del("green:semaphore:{expired}:holders");
			assertThatExceptionOfType(LeaseExpiredException.class).isThrownBy(semaphore::release)
				.withMessageContaining("had expired before its release");
			assertThat(semaphore.expiries()).isEqualTo(1);
			assertThatIllegalStateException().isThrownBy(semaphore::release)
				.withMessageContaining("release without an acquire");
		}
	}

	@Test
	void aWaiterKilledWhileItWaitsHoldsNoPermit() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenSemaphore semaphore = GreenSemaphore.of(redis.instance(TestRedis.options()).semaphore("killed", 1));
			semaphore.acquire();
			List<Boolean> acquired = new CopyOnWriteArrayList<>();
			GreenThread<Void> waiter = redis.hubs.spawn(() -> {
				semaphore.acquire();
				acquired.add(true);
				return null;
			});
			await().atMost(TestRedis.WAIT).until(() -> semaphore.waiters() == 1);
			waiter.kill();
			await().atMost(TestRedis.WAIT).until(waiter::isDone);
			semaphore.release();
			assertThat(semaphore.tryAcquire()).isTrue();
			assertThat(acquired).isEmpty();
			semaphore.release();
		}
	}

	@Test
	void aReleasePublishesOnlyWhileAWaiterIsRecordedAndARecordThatExpiredIsPurged() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			List<GreenSemaphore> quiet = redis.oneSemaphoreInTwoInstances("quiet");
			GreenSemaphore first = quiet.get(0);
			GreenSemaphore second = quiet.get(1);
			long before = redis.calls("publish");
			for (int i = 0; i < 10; i++) {
				first.acquire();
				first.release();
			}
			assertThat(redis.calls("publish")).isEqualTo(before);
			// a waiter that crashed: its record expired long ago
			redis.raw().zadd("green:semaphore:{quiet}:waiters", 1, "crashed:1");
			first.acquire();
			first.release();
			// the release found a record, so it sent the script that purges the expired
			// ones and publishes only if one is left: it publishes nothing here
			await().atMost(TestRedis.WAIT).until(() -> redis.raw().zcard("green:semaphore:{quiet}:waiters") == 0);
			assertThat(redis.calls("publish")).isEqualTo(before);
			// a live waiter in another instance is recorded, woken by the release, and
			// then forgotten
			first.acquire();
			GreenThread<Boolean> waiting = redis.hubs.spawn(() -> second.tryAcquire(Duration.ofSeconds(15)));
			await().atMost(TestRedis.WAIT).until(() -> redis.raw().zcard("green:semaphore:{quiet}:waiters") == 1);
			first.release();
			assertThat(waiting.join(TestRedis.WAIT)).isTrue();
			assertThat(redis.calls("publish")).isEqualTo(before + 1);
			assertThat(redis.raw().zcard("green:semaphore:{quiet}:waiters")).isZero();
			redis.hubs.spawn(() -> {
				second.release();
				return null;
			}).join(TestRedis.WAIT);
			assertThat(redis.calls("publish")).isEqualTo(before + 1);
		}
	}

	@Test
	void aWaiterThatGivesUpRemovesItsRecord() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenSemaphore semaphore = GreenSemaphore.of(redis.instance(TestRedis.options()).semaphore("impatient", 1));
			semaphore.acquire();
			assertThat(redis.hubs.spawn(() -> semaphore.tryAcquire(Duration.ofMillis(50))).join(TestRedis.WAIT))
				.isFalse();
			await().atMost(TestRedis.WAIT).until(() -> redis.raw().zcard("green:semaphore:{impatient}:waiters") == 0);
			semaphore.release();
		}
	}

}
