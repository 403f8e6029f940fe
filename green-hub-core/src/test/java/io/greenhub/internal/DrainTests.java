package io.greenhub.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import io.greenhub.primitives.GreenEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The one drain-then-kill of group close, server close and workers' stop.
 */
class DrainTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void threadsThatEndWithinTheGracePeriodAreNotKilled(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenEvent<String> go = new GreenEvent<>();
			GreenThread<String> worker = group.spawn(go::await);
			GreenThread<List<GreenThread<?>>> drainer = group
				.spawn(() -> Drain.drainThenKill(() -> List.of(worker), TestHubs.WAIT));
			// the drain waits for the worker, which then ends within the grace period
			await().atMost(TestHubs.WAIT).until(() -> drainer.info().waitingOn() != null);
			go.send("done");
			assertThat(drainer.join(TestHubs.WAIT)).isEmpty();
			assertThat(worker.join(TestHubs.WAIT)).isEqualTo("done");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void threadsStillRunningAfterTheGracePeriodAreKilledAndUnwind(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> unwound = new CompletableFuture<>();
			GreenThread<Object> stuck = group.spawn(() -> {
				try {
					return new GreenEvent<>().await();
				}
				finally {
					unwound.complete("finally ran");
				}
			});
			List<GreenThread<?>> killed = Drain.drainThenKill(() -> List.of(stuck), Duration.ofMillis(50));
			assertThat(killed).containsExactly(stuck);
			assertThat(stuck.isKilled()).isTrue();
			assertThat(unwound).isCompletedWithValue("finally ran");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void theRunningThreadsAreReadAgainAfterTheGracePeriod(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenThread<Object> first = group.spawn(() -> new GreenEvent<>().await());
			GreenThread<Object> later = group.spawn(() -> new GreenEvent<>().await());
			List<List<GreenThread<?>>> reads = List.of(List.of(first), List.of(first, later));
			int[] read = new int[1];
			List<GreenThread<?>> killed = Drain.drainThenKill(() -> reads.get(read[0]++), Duration.ofMillis(20));
			assertThat(killed).containsExactly(first, later);
			assertThat(later.isKilled()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aKillOfTheDrainingGreenThreadKillsTheThreadsAtOnceAndThenReachesIt(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenThread<Object> stuck = group.spawn(() -> new GreenEvent<>().await());
			GreenEvent<String> draining = new GreenEvent<>();
			GreenThread<List<GreenThread<?>>> drainer = group.spawn(() -> {
				draining.send("draining");
				return Drain.drainThenKill(() -> List.of(stuck), Duration.ofDays(1));
			});
			assertThat(draining.await(TestHubs.WAIT)).contains("draining");
			drainer.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> drainer.join(TestHubs.WAIT));
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> stuck.join(TestHubs.WAIT));
		}
	}

}
