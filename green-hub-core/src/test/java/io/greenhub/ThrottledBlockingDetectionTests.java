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
	void aHogIsReportedThoughTheJvmIsStoppedFor70msOfEvery100(@TempDir Path directory) throws Exception {
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("throttled")
			.hubs(2)
			.mode(HubMode.LOOP)
			.blockingDetectionThreshold(Duration.ofMillis(100))
			.build()) {
			CompletableFuture<Void> computing = new CompletableFuture<>();
			CompletableFuture<Void> stop = new CompletableFuture<>();
			GreenThread<Long> hog = group.hubs()
				.get(0)
				.spawn(() -> TestHubs.computeWithoutParkingUntil(computing, stop));
			computing.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			// each stop is longer than half the threshold, so every round of the watchdog
			// after one starts late; between them the JVM runs for less than the
			// threshold
			Path throttling = Files.createFile(directory.resolve("throttling"));
			long pid = ProcessHandle.current().pid();
			Process throttle = new ProcessBuilder("sh", "-c",
					"i=0; while [ -e '" + throttling + "' ] && [ $i -lt 200 ]; do kill -STOP " + pid
							+ "; sleep 0.07; kill -CONT " + pid + "; sleep 0.03; i=$((i+1)); done")
				.start();
			try {
				await().atMost(TestHubs.WAIT)
					.until(() -> group.hubs().stream().mapToLong(GreenHub::stallCount).sum() > 0);
			}
			finally {
				// the script resumes the JVM after each stop before it looks at the file
				Files.delete(throttling);
				assertThat(throttle.waitFor(10, TimeUnit.SECONDS)).isTrue();
				stop.complete(null);
			}
			hog.join(TestHubs.WAIT);
			await().atMost(TestHubs.WAIT).until(() -> !this.warnings.messages().isEmpty());
			assertThat(this.warnings.messages()).first()
				.asString()
				.contains("holds it without parking")
				.contains("computeWithoutParking");
		}
	}

}
