package io.greenhub;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import ch.qos.logback.classic.Level;
import io.greenhub.internal.CarrierTimes;
import io.greenhub.internal.HubEventLoop;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocking detection: a loop held longer than the threshold is reported once, with the
 * stack of what holds it; parking is never reported.
 */
class BlockingDetectionTests {

	@RegisterExtension
	final CapturedWarnings warnings = new CapturedWarnings("io.greenhub.internal.HubWatchdog");

	private static GreenHubGroup open(HubMode mode) {
		return builder(mode).build();
	}

	// without work stealing, for the tests whose stalls must all be of one hub
	private static GreenHubGroup open(HubMode mode, boolean workStealing) {
		return builder(mode).workStealing(workStealing).build();
	}

	private static GreenHubGroup.Builder builder(HubMode mode) {
		return GreenHubGroup.builder()
			.name("watched-" + mode.name().toLowerCase())
			.hubs(2)
			.mode(mode)
			.blockingDetectionThreshold(Duration.ofMillis(100));
	}

	@Test
	void aGreenThreadComputingWithoutParkingIsReportedWithItsStackWhileTheOtherLoopServes() throws Exception {
		try (GreenHubGroup group = open(HubMode.LOOP)) {
			CompletableFuture<Void> computing = new CompletableFuture<>();
			CompletableFuture<Void> stop = new CompletableFuture<>();
			// it computes until the stall has been seen long enough: a loaded machine may
			// hold the watchdog itself for a while, and then it judges no window
			GreenThread<Long> hog = group.hubs()
				.get(0)
				.spawn(() -> TestHubs.computeWithoutParkingUntil(computing, stop));
			computing.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			GreenHub held = awaitHeld(group, (hub) -> hub.currentStall().compareTo(Duration.ofMillis(350)) > 0);
			GreenHub free = other(group, held);
			String served = free.spawn(() -> {
				Green.sleep(Duration.ofMillis(1));
				return "served by " + Green.currentHub().name();
			}).join(TestHubs.WAIT);
			assertThat(served).isEqualTo("served by " + free.name());
			assertThat(hog.isDone()).isFalse();
			stop.complete(null);
			hog.join(TestHubs.WAIT);
			await().atMost(TestHubs.WAIT).until(() -> held.currentStall().isZero());
			await().atMost(TestHubs.WAIT).until(() -> !this.warnings.messages().isEmpty());
			assertThat(this.warnings.messages()).hasSize(1)
				.first()
				.asString()
				.contains("Hub '" + held.name() + "' of group 'watched-loop' has not run its event loop for")
				.contains("holds it without parking (its carrier used")
				.contains("computeWithoutParking");
			assertThat(held.stallCount()).isEqualTo(1);
			assertThat(held.notScheduledCount()).isZero();
			await().atMost(TestHubs.WAIT).until(() -> held.stallTime().compareTo(Duration.ofMillis(300)) > 0);
			assertThat(free.stallCount()).isZero();
		}
	}

	@Test
	void stallsInQuickSuccessionAreAllCountedButWarnedOfOnce() throws Exception {
		try (GreenHubGroup group = open(HubMode.LOOP, false)) {
			GreenHub hub = group.hubs().get(0);
			hub.spawn(() -> TestHubs.computeWithoutParking(new CompletableFuture<>())).join(TestHubs.WAIT);
			GreenHub held = awaitHeld(group, (each) -> each.stallCount() == 1 && each.currentStall().isZero());
			held.spawn(() -> TestHubs.computeWithoutParking(new CompletableFuture<>())).join(TestHubs.WAIT);
			awaitHeld(group, (each) -> each == held && each.stallCount() == 2 && each.currentStall().isZero());
			assertThat(this.warnings.messages()).hasSize(1);
		}
	}

	@Test
	void aStallHeldByOtherCodeWithinTenSecondsIsStillWarnedOf() throws Exception {
		try (GreenHubGroup group = open(HubMode.LOOP, false)) {
			GreenHub hub = group.hubs().get(0);
			hub.spawn(() -> TestHubs.computeWithoutParking(new CompletableFuture<>())).join(TestHubs.WAIT);
			GreenHub held = awaitHeld(group, (each) -> each.stallCount() == 1 && each.currentStall().isZero());
			held.spawn(BlockingDetectionTests::computeElsewhere).join(TestHubs.WAIT);
			awaitHeld(group, (each) -> each == held && each.stallCount() == 2 && each.currentStall().isZero());
			await().atMost(TestHubs.WAIT).until(() -> this.warnings.messages().size() == 2);
			assertThat(this.warnings.messages().get(0)).contains("computeWithoutParking");
			assertThat(this.warnings.messages().get(1)).contains("computeElsewhere");
		}
	}

	/**
	 * Waits for a hub of the group to be as the test says, and returns it. The hog of a
	 * test is spawned on hub 0, but if that hub's carrier is held a moment as the hog
	 * becomes runnable (the OS may not run it just then), work stealing lends it to the
	 * other carrier, whose hub is then the one held: so the test finds the hub held
	 * rather than assume it. Fails with what blocking detection counted if none is in
	 * time.
	 */
	private GreenHub awaitHeld(GreenHubGroup group, Predicate<GreenHub> held) {
		try {
			return await().atMost(TestHubs.WAIT)
				.pollInterval(Duration.ofMillis(5))
				.until(() -> group.hubs().stream().filter(held).findFirst(), Optional::isPresent)
				.orElseThrow();
		}
		catch (ConditionTimeoutException ex) {
			StringBuilder counted = new StringBuilder("No hub was held as expected in time:");
			for (GreenHub hub : group.hubs()) {
				counted.append(String.format("%n  %s: %d stalls (%s in all), current %s, %d not scheduled", hub.name(),
						hub.stallCount(), hub.stallTime(), hub.currentStall(), hub.notScheduledCount()));
			}
			counted.append(String.format("%nwarnings: %s%ninfo: %s", this.warnings.messages(),
					this.warnings.messages(Level.INFO)));
			throw new AssertionError(counted.toString(), ex);
		}
	}

	private static GreenHub other(GreenHubGroup group, GreenHub hub) {
		return group.hubs().stream().filter((each) -> each != hub).findFirst().orElseThrow();
	}

	@Test
	void stallsHeldByTheLoopsOwnCodeShareOneWarnLimitWhateverTheCode() throws Exception {
		try (GreenHubGroup group = open(HubMode.POOL)) {
			GreenHub held = group.hubs().get(0);
			List<Runnable> hogs = List.of(() -> TestHubs.computeWithoutParking(new CompletableFuture<>()),
					BlockingDetectionTests::computeElsewhere);
			for (int i = 0; i < hogs.size(); i++) {
				Runnable hog = hogs.get(i);
				CompletableFuture<Void> done = new CompletableFuture<>();
				held.eventLoop().execute(() -> {
					hog.run();
					done.complete(null);
				});
				done.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
				int stalls = i + 1;
				await().atMost(TestHubs.WAIT).until(() -> held.stallCount() == stalls && held.currentStall().isZero());
			}
			assertThat(this.warnings.messages()).hasSize(1).first().asString().contains("computeWithoutParking");
		}
	}

	private static long computeElsewhere() {
		long end = System.nanoTime() + Duration.ofMillis(300).toNanos();
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		return spins;
	}

	@Test
	void aCarrierTheOsDoesNotScheduleIsReportedAsNotScheduledAndNotAsAStall() throws Exception {
		// the carrier is held for real, and the OS's figures say it waited for a CPU all
		// along
		CarrierTimes starved = new CarrierTimes() {

			@Override
			public long cpuNanos(HubEventLoop loop) {
				return 0;
			}

			@Override
			public long runQueueNanos(HubEventLoop loop) {
				return System.nanoTime();
			}

		};
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("starved")
			.hubs(2)
			.mode(HubMode.LOOP)
			.blockingDetectionThreshold(Duration.ofMillis(100))
			.carrierTimes(starved)
			.build()) {
			GreenHub late = group.hubs().get(0);
			late.spawn(() -> TestHubs.computeWithoutParking(new CompletableFuture<>())).join(TestHubs.WAIT);
			await().atMost(TestHubs.WAIT).until(() -> late.notScheduledCount() > 0);
			late.spawn(() -> null).join(TestHubs.WAIT);
			assertThat(this.warnings.messages()).isEmpty();
			assertThat(late.stallCount()).isZero();
			assertThat(late.currentStall()).isZero();
			assertThat(this.warnings.messages(Level.INFO)).first()
				.asString()
				.contains("Hub 'starved-0' of group 'starved' has not run its event loop for")
				.contains("because the OS did not schedule its carrier thread")
				.doesNotContain("computeWithoutParking");
		}
	}

	@Test
	void aGreenThreadBlockingItsCarrierInANativeCallIsReportedWithItsStack(@TempDir Path directory) throws Exception {
		Path fifo = directory.resolve("fifo");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
		try (GreenHubGroup group = open(HubMode.LOOP)) {
			GreenHub hub = group.hubs().get(0);
			// opening a FIFO for reading blocks in the kernel, on the carrier, until a
			// writer opens it
			GreenThread<Integer> reader = hub.spawn(() -> {
				try (InputStream in = new FileInputStream(fifo.toFile())) {
					return in.read();
				}
			});
			GreenHub blocked = awaitHeld(group, (each) -> each.stallCount() == 1);
			try (OutputStream out = new FileOutputStream(fifo.toFile())) {
				out.write(7);
			}
			assertThat(reader.join(TestHubs.WAIT)).isEqualTo(7);
			await().atMost(TestHubs.WAIT).until(() -> !this.warnings.messages().isEmpty());
			assertThat(this.warnings.messages()).hasSize(1)
				.first()
				.asString()
				.contains("Hub '" + blocked.name() + "'")
				.contains("blocks its carrier")
				.contains("FileInputStream");
			assertThat(blocked.notScheduledCount()).isZero();
		}
	}

	@Test
	void aGreenThreadThatParksIsNeverReported() {
		try (GreenHubGroup group = open(HubMode.LOOP)) {
			group.hubs().get(0).spawn(() -> {
				Green.sleep(Duration.ofMillis(500));
				return null;
			}).join(TestHubs.WAIT);
			assertThat(this.warnings.messages()).isEmpty();
		}
	}

	@Test
	void loopCodeHoldingThePoolModeLoopIsReportedWithTheLoopsStack() throws Exception {
		try (GreenHubGroup group = open(HubMode.POOL)) {
			CompletableFuture<Void> done = new CompletableFuture<>();
			group.hubs().get(0).eventLoop().execute(() -> {
				TestHubs.computeWithoutParking(new CompletableFuture<>());
				done.complete(null);
			});
			done.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			await().atMost(TestHubs.WAIT).until(() -> !this.warnings.messages().isEmpty());
			assertThat(this.warnings.messages()).hasSize(1)
				.first()
				.asString()
				.contains("Hub 'watched-pool-0'")
				.contains("computeWithoutParking");
		}
	}

}
