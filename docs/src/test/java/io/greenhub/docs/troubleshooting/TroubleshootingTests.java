package io.greenhub.docs.troubleshooting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeoutException;
import io.greenhub.HubMode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Produces what the troubleshooting guide describes and holds the guide to it: the WARN of
 * blocking detection, quoted word for word, and a computation that a timeout ends.
 */
@ExtendWith(OutputCaptureExtension.class)
class TroubleshootingTests {

	/** The parts of blocking detection's WARN that docs/troubleshooting.md quotes. */
	static final String[] STALL_REPORT = { "Hub 'held-0' of group 'held' has not run its event loop for ",
			" ms (threshold 50 ms): thread 'VirtualThread[#", " holds it without parking (its carrier used ",
			" ms of CPU meanwhile); every connection of the hub waits meanwhile",
			"at io.greenhub.docs.troubleshooting.BusyLoops.spinUntil(BusyLoops.java:" };

	@Test
	void aGreenThreadThatComputesWithoutParkingIsReportedWithItsStack(CapturedOutput output) {
		AtomicBoolean stop = new AtomicBoolean();
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("held")
			.hubs(1)
			.mode(HubMode.LOOP)
			.blockingDetectionThreshold(Duration.ofMillis(50))
			.build()) {
			GreenHub hub = group.hubs().get(0);
			GreenThread<Long> spinner = hub.spawn(() -> BusyLoops.spinUntil(stop));
			try {
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> output.getAll().contains(STALL_REPORT[STALL_REPORT.length - 1]));
			}
			finally {
				stop.set(true);
			}
			assertThat(spinner.join(Duration.ofSeconds(10))).isPositive();
			assertThat(hub.stallCount()).isPositive();
		}
		assertThat(output.getAll()).contains(STALL_REPORT).contains("Hub 'held-0' of group 'held' runs its event loop again after ");
	}

	@Test
	void theGuideQuotesTheStallReport() throws IOException {
		String guide = Files.readString(Path.of("troubleshooting.md"));
		assertThat(guide).contains(STALL_REPORT[0].replace("held-0", "green-1").replace("'held'", "'green'"))
			.contains(STALL_REPORT[2]).contains(STALL_REPORT[3]);
	}

	@Test
	void aTimeoutEndsAComputationThatMakesGreenWaits() {
		assertThatExceptionOfType(GreenTimeoutException.class)
			.isThrownBy(() -> Green.run(() -> BusyLoops.countForAtMost(Duration.ofMillis(100))));
	}

}
