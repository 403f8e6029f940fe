package io.greenhub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocking detection in a JVM that is stopped and resumed over and over, as the CPU quota
 * of a container throttles it: a stall is still found, by the time the JVM ran.
 */
class ThrottledBlockingDetectionTests {

	@RegisterExtension
	final CapturedWarnings warnings = new CapturedWarnings("io.greenhub.internal.HubWatchdog");

	@Test
	void aHogIsReportedThoughTheJvmIsStoppedFor120msOfEvery160(@TempDir Path directory) throws Exception {
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("throttled")
			.hubs(2)
			.mode(HubMode.LOOP)
			.blockingDetectionThreshold(Duration.ofMillis(100))
			.build()) {
			// each stop is longer than the threshold, so every round of the watchdog
			// after
			// one starts late; between them the JVM runs for less than half the
			// threshold.
			// The script resumes the JVM whatever ends it, and after each stop before it
			// looks at the file; it marks its first stop done
			Path throttling = Files.createFile(directory.resolve("throttling"));
			Path throttled = directory.resolve("throttled");
			long pid = ProcessHandle.current().pid();
			Process throttle = new ProcessBuilder("sh", "-c",
					"trap 'kill -CONT " + pid + "' EXIT INT TERM HUP; i=0; while [ -e '" + throttling
							+ "' ] && [ $i -lt 120 ]; do kill -STOP " + pid + "; sleep 0.12; kill -CONT " + pid
							+ "; touch '" + throttled + "'; sleep 0.04; i=$((i+1)); done")
				.start();
			CompletableFuture<Void> stop = new CompletableFuture<>();
			try {
				await().atMost(TestHubs.WAIT).until(() -> Files.exists(throttled));
				CompletableFuture<Void> computing = new CompletableFuture<>();
				GreenThread<Long> hog = group.hubs()
					.get(0)
					.spawn(() -> TestHubs.computeWithoutParkingUntil(computing, stop));
				computing.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
				await().atMost(TestHubs.WAIT)
					.until(() -> group.hubs().stream().mapToLong(GreenHub::stallCount).sum() > 0);
				// found while the JVM was still being stopped
				assertThat(throttle.isAlive()).isTrue();
				stop.complete(null);
				hog.join(TestHubs.WAIT);
			}
			finally {
				stop.complete(null);
				Files.deleteIfExists(throttling);
				assertThat(throttle.waitFor(10, TimeUnit.SECONDS)).isTrue();
			}
			await().atMost(TestHubs.WAIT).until(() -> !this.warnings.messages().isEmpty());
			assertThat(this.warnings.messages()).first()
				.asString()
				.contains("the whole JVM was stopped for")
				.contains("holds it without parking")
				.contains("computeWithoutParking");
		}
	}

}
