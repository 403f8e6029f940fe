package io.greenhub.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.spi.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The Redis event with two instances, each a {@link GreenRedis} of its own on one real
 * Redis.
 */
class RedisEventTests {

	private static final Duration TTL = Duration.ofMinutes(10);

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	@Test
	void aSendInOneInstanceWakesEveryWaiterOfBoth() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenEvent<String> here = event(redis, "woken");
			GreenEvent<String> there = event(redis, "woken");
			List<GreenThread<String>> waiters = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				GreenEvent<String> event = (i == 0) ? here : there;
				waiters.add(redis.hubs.spawn(() -> event.await()));
			}
			await().atMost(TestRedis.WAIT).until(() -> here.waiters() == 1 && there.waiters() == 3);
			assertThat(there.isReady()).isFalse();
			here.send("sent");
			for (GreenThread<String> waiter : waiters) {
				assertThat(waiter.join(TestRedis.WAIT)).isEqualTo("sent");
			}
			assertThat(there.isReady()).isTrue();
			assertThat(there.hasException()).isFalse();
			assertThat(there.waiters()).isZero();
			assertThat(there.store()).isEqualTo("redis");
		}
	}

	@Test
	void aValueSentBeforeAnInstanceLooksIsSeenByIt() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenEvent<String> early = event(redis, "early");
			GreenEvent<String> idle = event(redis, "early");
			early.send("before");
			GreenEvent<String> late = event(redis, "early");
			assertThat(late.isReady()).isTrue();
			assertThat(late.poll()).isEqualTo("before");
			assertThat(idle.poll()).isEqualTo("before");
			assertThat(redis.hubs.spawn(() -> idle.await(Duration.ofSeconds(1))).join(TestRedis.WAIT))
				.contains("before");
		}
	}

	@Test
	void aSecondSendFailsInEveryInstanceAsALocalOneDoes() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenEvent<String> first = event(redis, "once");
			GreenEvent<String> second = event(redis, "once");
			first.send("first");
			assertThatIllegalStateException().isThrownBy(() -> second.send("second"))
				.withMessageContaining("Event 'once' has already been sent the value first");
			assertThatIllegalStateException().isThrownBy(() -> first.sendException(new IOException("late")));
			assertThat(second.await()).isEqualTo("first");
			assertThat(first.await()).isEqualTo("first");
		}
	}

	@Test
	void anExceptionSentIsThrownByTheWaitersOfEveryInstance() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenEvent<String> sender = event(redis, "failed");
			GreenEvent<String> receiver = event(redis, "failed");
			GreenThread<String> waiter = redis.hubs.spawn(() -> receiver.await());
			await().atMost(TestRedis.WAIT).until(() -> receiver.waiters() == 1);
			sender.sendException(new IOException("downstream gone"));
			assertThatExceptionOfType(RedisEventException.class).isThrownBy(() -> waiter.join(TestRedis.WAIT))
				.satisfies((ex) -> assertThat(ex.exceptionType()).isEqualTo(IOException.class.getName()))
				.withMessage("Event 'failed' was sent the exception java.io.IOException: downstream gone");
			assertThat(receiver.hasException()).isTrue();
			assertThatExceptionOfType(RedisEventException.class).isThrownBy(sender::poll);
		}
	}

	@Test
	void aResetMakesTheEventNotReadyEverywhereAndTheWaitersWaitForTheNextSend() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenEvent<String> here = event(redis, "rounds");
			GreenEvent<String> there = event(redis, "rounds");
			here.send("one");
			assertThat(there.await()).isEqualTo("one");
			here.reset();
			assertThat(here.isReady()).isFalse();
			await().atMost(TestRedis.WAIT).until(() -> !there.isReady());
			assertThat(redis.raw().exists("green:event:{rounds}:value")).isZero();
			GreenThread<String> waiter = redis.hubs.spawn(() -> there.await());
			await().atMost(TestRedis.WAIT).until(() -> there.waiters() == 1);
			here.send("two");
			assertThat(waiter.join(TestRedis.WAIT)).isEqualTo("two");
		}
	}

	@Test
	void aTimedAwaitReturnsEmptyWhenNothingIsSentAndTheValueExpiresAfterItsTimeToLive() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenEvent<String> event = event(redis, "quiet");
			assertThat(redis.hubs.spawn(() -> event.await(Duration.ofMillis(100))).join(TestRedis.WAIT)).isEmpty();
			assertThat(event.poll()).isNull();
			event.send("now");
			assertThat(redis.raw().pttl("green:event:{quiet}:value")).isBetween(1L, TTL.toMillis());
		}
	}

	@Test
	void aClosedEventLeavesItsValueAndAnotherOfItsNameIsWokenAgain() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenRedis instance = redis.instance(TestRedis.options());
			GreenEvent<String> sender = event(redis, "closed");
			RedisEvent<String> first = instance.event("closed", RedisValueCodec.strings(), TTL);
			first.close();
			GreenEvent<String> again = GreenEvent.of(instance.event("closed", RedisValueCodec.strings(), TTL));
			GreenThread<String> waiter = redis.hubs.spawn(() -> again.await());
			await().atMost(TestRedis.WAIT).until(() -> again.waiters() == 1);
			sender.send("after");
			assertThat(waiter.join(TestRedis.WAIT)).isEqualTo("after");
			assertThat(first.await(0)).isEqualTo("after");
		}
	}

	@Test
	void withRedisStoppedWaitsEndWithinTheTimeoutAndTheEventWorksOnceItIsBack() {
		try (TestRedis redis = new TestRedis(server.uri())) {
			GreenEvent<String> event = event(redis, "outage");
			GreenThread<String> waiter = redis.hubs.spawn(() -> event.await());
			await().atMost(TestRedis.WAIT).until(() -> event.waiters() == 1);
			server.stop();
			try {
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> waiter.join(TestRedis.WAIT))
					.withMessageContaining("event 'outage'");
				GreenThread<?> timed = redis.hubs.spawn(() -> event.await(Duration.ofMinutes(5)));
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> timed.join(TestRedis.WAIT));
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> event.send("lost?"));
			}
			finally {
				server.start();
			}
			// a send that failed may have taken effect, and a failed try may have been
			// applied late
			await().atMost(TestRedis.WAIT).ignoreExceptions().until(() -> {
				if (!event.isReady()) {
					event.send("back");
				}
				return true;
			});
			assertThat(event.poll()).isIn("back", "lost?");
			assertThat(redis.hubs.spawn(() -> event.await()).join(TestRedis.WAIT)).isEqualTo(event.poll());
		}
	}

	private static GreenEvent<String> event(TestRedis redis, String name) {
		return GreenEvent.of(redis.instance(TestRedis.options()).event(name, RedisValueCodec.strings(), TTL));
	}

}
