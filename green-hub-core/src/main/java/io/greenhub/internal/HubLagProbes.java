package io.greenhub.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.greenhub.HubLagListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the lag of each hub for the {@link HubLagListener}s: driven by the watchdog
 * thread, which calls {@link #send(int, long)} once per hub per round.
 */
final class HubLagProbes {

	private static final Logger logger = LoggerFactory.getLogger(HubLagProbes.class);

	// Added to and removed from by any thread; read by the probe green threads.
	private final List<HubLagListener> listeners = new CopyOnWriteArrayList<>();

	private final List<Probe> probes;

	HubLagProbes(List<DefaultGreenHub> hubs) {
		this.probes = hubs.stream().map(Probe::new).toList();
	}

	void add(HubLagListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	boolean remove(HubLagListener listener) {
		return this.listeners.remove(listener);
	}

	/**
	 * Starts a probe green thread on the hub at the index unless no one listens or its
	 * last probe has not run yet. Called by the watchdog thread.
	 */
	void send(int index, long now) {
		Probe probe = this.probes.get(index);
		if (this.listeners.isEmpty() || !probe.startedAt.compareAndSet(0, now)) {
			return;
		}
		DefaultGreenHub hub = probe.hub;
		Thread thread = hub.newThread(probe);
		hub.threadStarting();
		try {
			thread.start();
		}
		catch (RuntimeException ex) {
			// the hub is shutting down
			hub.threadEnded();
			probe.startedAt.set(0);
		}
	}

	/**
	 * The body of a probe green thread: reports how long it waited to run.
	 */
	private final class Probe implements Runnable {

		private final DefaultGreenHub hub;

		// 0 when no probe is out; the time it was started while one is. Set by the
		// watchdog, cleared
		// by the probe as it ends.
		final AtomicLong startedAt = new AtomicLong();

		Probe(DefaultGreenHub hub) {
			this.hub = hub;
		}

		@Override
		public void run() {
			try {
				Duration lag = Duration.ofNanos(System.nanoTime() - this.startedAt.get());
				for (HubLagListener listener : HubLagProbes.this.listeners) {
					try {
						listener.lagged(this.hub, lag);
					}
					catch (RuntimeException ex) {
						logger.warn("Lag listener {} of hub '{}' failed", listener, this.hub.name(), ex);
					}
				}
			}
			finally {
				this.startedAt.set(0);
				this.hub.threadEnded();
			}
		}

	}

}
