package io.greenhub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hub lag: sampled by probe green threads, reported to the listeners of the group.
 */
class HubLagTests {

	private final Map<String, List<Duration>> samples = new ConcurrentHashMap<>();

	private final HubLagListener recorder = (hub,
			lag) -> this.samples.computeIfAbsent(hub.name(), (name) -> new CopyOnWriteArrayList<>()).add(lag);

	private int count(String hub) {
		return this.samples.getOrDefault(hub, List.of()).size();
	}

	@ParameterizedTest
	@EnumSource(names = { "LOOP", "POOL" })
	void everyHubIsSampledOnItsOwnGreenThreadsWhileAListenerListens(HubMode mode) {
		try (GreenHubGroup group = GreenHubGroup.builder().name("lagged").hubs(2).mode(mode).build()) {
			group.addLagListener(this.recorder);
			await().atMost(TestHubs.WAIT).until(() -> count("lagged-0") >= 3 && count("lagged-1") >= 3);
			assertThat(this.samples.values())
				.allSatisfy((lags) -> assertThat(lags).allMatch((lag) -> !lag.isNegative()));
			assertThat(group.hubs()).allSatisfy((hub) -> assertThat(hub.alive()).isZero());
		}
	}

	@Test
	void aProbeThatWaitsForAGreenThreadComputingWithoutParkingReportsTheWait() throws Exception {
		// with work stealing on, the other hub's carrier would run the probe meanwhile
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("held")
			.hubs(2)
			.mode(HubMode.LOOP)
			.workStealing(false)
			.build()) {
			group.addLagListener(this.recorder);
			await().atMost(TestHubs.WAIT).until(() -> count("held-0") >= 1);
			CompletableFuture<Void> computing = new CompletableFuture<>();
			GreenThread<Long> hog = group.hubs().get(0).spawn(() -> TestHubs.computeWithoutParking(computing));
			computing.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			hog.join(TestHubs.WAIT);
			await().atMost(TestHubs.WAIT)
				.until(() -> this.samples.get("held-0").stream().anyMatch((lag) -> lag.toMillis() >= 200));
		}
	}

	@Test
	void lagIsSampledWithBlockingDetectionOffAndNoLongerOnceTheListenerIsRemoved() {
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("quiet")
			.hubs(1)
			.blockingDetectionThreshold(Duration.ZERO)
			.build()) {
			group.addLagListener(this.recorder);
			await().atMost(TestHubs.WAIT).until(() -> count("quiet-0") >= 2);
			assertThat(group.removeLagListener(this.recorder)).isTrue();
			int removedAt = count("quiet-0");
			// several watchdog rounds (25 ms each) pass while this green thread sleeps
			group.hubs().get(0).spawn(() -> {
				Green.sleep(Duration.ofMillis(200));
				return null;
			}).join(TestHubs.WAIT);
			assertThat(count("quiet-0")).isLessThanOrEqualTo(removedAt + 1);
		}
	}

}
