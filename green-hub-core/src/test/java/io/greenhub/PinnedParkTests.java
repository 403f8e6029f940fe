package io.greenhub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pinned parks: a green thread that parks inside a class initializer keeps its carrier,
 * and is reported through JFR's {@code jdk.VirtualThreadPinned} events.
 */
class PinnedParkTests {

	@RegisterExtension
	final CapturedWarnings warnings = new CapturedWarnings("io.greenhub.internal.PinnedParks");

	@ParameterizedTest
	@EnumSource(names = { "LOOP", "POOL" })
	void aGreenThreadThatParksInAClassInitializerIsCountedAndReportedWithItsStack(HubMode mode) {
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("test-" + mode.name().toLowerCase())
			.hubs(2)
			.mode(mode)
			.pinnedParkReports(true)
			.build()) {
			assertThat(group.reportsPinnedParks()).isTrue();
			GreenHub hub = group.hubs().get(0);
			CompletableFuture<String> matched = new CompletableFuture<>();
			GreenThread<String> pinned = hub.spawn(() -> {
				String loaded = (mode == HubMode.LOOP) ? LoopSlowInit.VALUE : PoolSlowInit.VALUE;
				// stay alive until the JFR event, which comes after the park, has been
				// matched
				return Green.blockOn(matched.thenApply((ignored) -> loaded));
			});
			await().atMost(TestHubs.WAIT).until(() -> hub.pinnedParkCount() == 1);
			matched.complete("matched");
			assertThat(pinned.join(TestHubs.WAIT)).isEqualTo("initialized");
			// the park is counted just before its WARN is written
			await().atMost(TestHubs.WAIT).until(() -> !this.warnings.messages().isEmpty());
			assertThat(this.warnings.messages()).hasSize(1)
				.first()
				.asString()
				.contains("Green thread '" + pinned.name() + "' of hub '" + hub.name() + "' parked for")
				.contains("SlowInit.<clinit>");
			assertThat(group.hubs().get(1).pinnedParkCount()).isZero();
		}
	}

	/** Parks for 50 ms in its initializer, the first time a loop-mode test touches it. */
	static final class LoopSlowInit {

		static final String VALUE;

		static {
			Green.sleep(Duration.ofMillis(50));
			VALUE = "initialized";
		}

	}

	/** Parks for 50 ms in its initializer, the first time a pool-mode test touches it. */
	static final class PoolSlowInit {

		static final String VALUE;

		static {
			Green.sleep(Duration.ofMillis(50));
			VALUE = "initialized";
		}

	}

}
