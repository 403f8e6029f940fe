package io.greenhub.benchmarks;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where a benchmark's operations run: on a green thread of a one-hub group in loop or
 * pool mode, or on the benchmark's own platform thread. A batch of operations runs on one
 * driver green thread, so the cost of handing the batch to it is shared by the whole
 * batch. Subclasses declare which drivers a benchmark runs on.
 */
public abstract class Driver {

	/** How many operations one benchmark invocation performs. */
	public static final int BATCH = 1000;

	/** The driver: LOOP, POOL or PLATFORM. */
	protected abstract String driver();

	private @Nullable GreenHubGroup group;

	private @Nullable GreenHub hub;

	private @Nullable DefaultEventLoop platformLoop;

	@Setup(Level.Trial)
	public void open() {
		if (isPlatform()) {
			this.platformLoop = new DefaultEventLoop();
		}
		else {
			GreenHubGroup.Builder builder = GreenHubGroup.builder()
				.name("bench")
				.hubs(1)
				.mode(HubMode.valueOf(driver()));
			this.group = configure(builder).build();
			this.hub = this.group.hubs().get(0);
			opened(this.group);
		}
	}

	/**
	 * Configures the group before it is built; as it comes by default unless a subclass
	 * says.
	 */
	protected GreenHubGroup.Builder configure(GreenHubGroup.Builder builder) {
		return builder;
	}

	/**
	 * Called once the group is open.
	 */
	protected void opened(GreenHubGroup group) {
	}

	@TearDown(Level.Trial)
	public void close() {
		if (this.group != null) {
			this.group.close();
		}
		if (this.platformLoop != null) {
			this.platformLoop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	public boolean isPlatform() {
		return "PLATFORM".equals(driver());
	}

	/**
	 * Runs the batch on the driver: a green thread of the hub, or the calling platform
	 * thread.
	 */
	public <T> T run(Callable<T> batch) throws Exception {
		GreenHub hub = this.hub;
		return (hub != null) ? hub.spawn(batch).join() : batch.call();
	}

	/**
	 * The event loop that completes "later" Monos: the hub's own, or a plain Netty loop
	 * for the platform driver.
	 */
	public Executor loop() {
		GreenHub hub = this.hub;
		if (hub != null) {
			return hub.eventLoop();
		}
		DefaultEventLoop loop = this.platformLoop;
		if (loop == null) {
			throw new IllegalStateException("Driver is not set up");
		}
		return loop;
	}

	/**
	 * Every driver: a green thread in loop or pool mode, or the platform thread.
	 */
	@State(Scope.Benchmark)
	public static class Any extends Driver {

		@Param({ "LOOP", "POOL", "PLATFORM" })
		public String driver = "LOOP";

		@Override
		protected String driver() {
			return this.driver;
		}

	}

	/**
	 * A green thread in loop or pool mode: where green-hub users use the primitives.
	 */
	@State(Scope.Benchmark)
	public static class HubModes extends Driver {

		@Param({ "LOOP", "POOL" })
		public String mode = "LOOP";

		@Override
		protected String driver() {
			return this.mode;
		}

	}

	/**
	 * A green thread in loop mode, with what watches the hubs switched off ({@code none}:
	 * no blocking detection, no lag sampling, no JFR stream for pinned parks), with
	 * blocking detection at 100 ms as it comes by default ({@code watchdog}), with
	 * pinned-park reports from JFR too ({@code pinned}), or with those and lag sampled
	 * into a Micrometer timer with percentiles, as a Spring application with metrics and
	 * pinned-park reports runs it ({@code meters}). The scheduling path is the same in
	 * all; this shows what the watchers cost it.
	 */
	@State(Scope.Benchmark)
	public static class Observed extends Driver {

		@Param({ "none", "watchdog", "pinned", "meters" })
		public String observed = "none";

		@Override
		protected String driver() {
			return "LOOP";
		}

		@Override
		protected GreenHubGroup.Builder configure(GreenHubGroup.Builder builder) {
			return switch (this.observed) {
				case "none" -> builder.blockingDetectionThreshold(Duration.ZERO);
				case "watchdog" -> builder;
				default -> builder.pinnedParkReports(true);
			};
		}

		@Override
		protected void opened(GreenHubGroup group) {
			if ("meters".equals(this.observed)) {
				Timer lag = Timer.builder("green.hub.lag")
					.publishPercentiles(0.5, 0.9, 0.99)
					.register(new SimpleMeterRegistry());
				group.addLagListener((hub, sample) -> lag.record(sample));
			}
		}

	}

}
