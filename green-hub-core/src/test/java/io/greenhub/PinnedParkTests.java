package io.greenhub;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pinned parks: a green thread that parks inside a class initializer keeps its carrier, and is
 * reported through JFR's {@code jdk.VirtualThreadPinned} events.
 */
class PinnedParkTests {

	private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

	private final Logger pinnedLogger = (Logger) LoggerFactory.getLogger(PinnedParks.class);

	@BeforeEach
	void captureReports() {
		this.reports.start();
		this.pinnedLogger.addAppender(this.reports);
	}

	@AfterEach
	void stopCapturing() {
		this.pinnedLogger.detachAppender(this.reports);
	}

	private List<String> warnings() {
		return this.reports.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	@ParameterizedTest
	@EnumSource(names = { "LOOP", "POOL" })
	void aGreenThreadThatParksInAClassInitializerIsCountedAndReportedWithItsStack(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			GreenThread<String> pinned = hub.spawn(() -> {
				String loaded = (mode == HubMode.LOOP) ? LoopSlowInit.VALUE : PoolSlowInit.VALUE;
				// stay alive until the JFR event, which comes after the park, has been matched
				Green.sleep(Duration.ofSeconds(5));
				return loaded;
			});
			await().atMost(TestHubs.WAIT).until(() -> hub.pinnedParkCount() == 1);
			assertThat(warnings()).hasSize(1).first().asString()
				.contains("Green thread '" + pinned.name() + "' of hub '" + hub.name() + "' parked for")
				.contains("SlowInit.<clinit>");
			assertThat(group.hubs().get(1).pinnedParkCount()).isZero();
			pinned.kill();
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
