package io.greenhub.docs.concepts;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenQueue;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GreenThreadsSamplesTests {

	@Test
	void twoGreenThreadsOfAMainProgramAreJoined() {
		assertThat(GreenThreadsSamples.sumOfSquares()).isEqualTo(25);
	}

	@Test
	void aKilledGreenThreadUnwindsThroughItsFinallyBlock() {
		assertThat(GreenThreadsSamples.killAndUnwind()).isEqualTo("finally ran");
	}

	@Test
	void loopCodeMayNotBlockButMayDeferToAGreenThread() throws Exception {
		try (GreenHubGroup group = GreenHubGroup.builder().name("concepts").hubs(1).build()) {
			GreenHub hub = group.hubs().get(0);
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> hub.eventLoop().submit(() -> Green.sleep(Duration.ofMillis(10))).get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(IllegalStateException.class)
				.withMessageContaining("Green.sleep would block the event-loop thread 'concepts-0-loop'")
				.withMessageContaining("Green.deferToGreenThread");
			Mono<String> deferred = hub.eventLoop().submit(GreenThreadsSamples::fromLoopCode).get(10, TimeUnit.SECONDS);
			StepVerifier.create(deferred)
				.expectNextMatches((value) -> value.matches("slept on green-\\d+"))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void aTimeoutEndsAWaitForAReplyThatDoesNotCome() {
		GreenQueue<String> replies = GreenQueue.unbounded("replies");
		assertThat(Green.run(() -> GreenThreadsSamples.firstReplyWithin(replies, Duration.ofMillis(50))))
			.isEqualTo("no reply within PT0.05S");
		replies.put("pong");
		assertThat(Green.run(() -> GreenThreadsSamples.firstReplyWithin(replies, Duration.ofSeconds(10))))
			.isEqualTo("pong");
	}

	@Test
	void computationThatYieldsCountsLikeComputationThatDoesNotAndCanBeKilled() {
		ExecutorService cpuPool = Executors.newSingleThreadExecutor();
		try {
			assertThat(Green.run(() -> GreenThreadsSamples.countPrimes(100_000))).isEqualTo(9592);
			assertThat(Green.run(() -> GreenThreadsSamples.countPrimesOffTheHub(100_000, cpuPool))).isEqualTo(9592);
			boolean killed = Green.run(() -> {
				GreenThread<Long> endless = Green.spawn(() -> GreenThreadsSamples.countPrimes(Integer.MAX_VALUE));
				Green.sleep(Duration.ofMillis(20));
				endless.kill();
				try {
					endless.join(Duration.ofSeconds(10));
					return false;
				}
				catch (GreenKilledException ex) {
					return endless.isKilled();
				}
			});
			assertThat(killed).isTrue();
		}
		finally {
			cpuPool.shutdownNow();
		}
	}

}
