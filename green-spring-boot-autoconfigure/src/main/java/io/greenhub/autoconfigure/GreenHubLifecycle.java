package io.greenhub.autoconfigure;

import java.time.Duration;

import io.greenhub.GreenHubGroup;

import org.springframework.context.SmartLifecycle;

/**
 * Ends the application's green threads when it shuts down, after the web server's graceful
 * shutdown has waited for the requests in flight and before the server stops: the green threads
 * still running then are killed, and the log says how many. The hub group's event loops stay up
 * until the group itself is closed, after the server has stopped: the group is created before the
 * server (the server's resource factory depends on it) and destroyed after it. Only in reactive
 * web applications; elsewhere the group's own grace period applies when it closes. Called by
 * Spring's lifecycle, on the thread that closes the context.
 */
final class GreenHubLifecycle implements SmartLifecycle {

	/**
	 * Between Spring Boot's graceful shutdown of the web server (its phase is the default less
	 * 1024) and the stop of the web server (the default less 2048).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private final GreenHubGroup group;

	private final Duration gracePeriod;

	// Written and read by the thread that starts and stops the context.
	private volatile boolean running;

	GreenHubLifecycle(GreenHubGroup group, Duration gracePeriod) {
		this.group = group;
		this.gracePeriod = gracePeriod;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (!this.group.isClosed()) {
			this.group.killGreenThreads(this.gracePeriod);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
