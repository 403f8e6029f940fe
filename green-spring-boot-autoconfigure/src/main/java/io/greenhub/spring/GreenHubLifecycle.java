package io.greenhub.spring;

import java.time.Duration;

import io.greenhub.GreenHubGroup;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Ends the application's green threads when it shuts down, after the web server's
 * graceful shutdown has waited for the requests in flight and before the server stops:
 * the green threads still running then are killed, and the log says how many. A stop that
 * is not a close (a pause, as Spring Framework 7 pauses cached test contexts, or
 * {@code stop()} of the context) kills nothing: the hubs stay up, the requests in flight
 * end with their connections as the web server stops, and the application's own green
 * threads go on (those of {@code GreenWorkers} stop and start again by themselves). The
 * hub group's event loops stay up until the group itself is closed, after the server has
 * stopped: the group is created before the server (the server's resource factory depends
 * on it) and destroyed after it. Only in reactive web applications; elsewhere the group's
 * own grace period applies when it closes. Called by Spring's lifecycle, on the thread
 * that closes the context.
 *
 * <p>
 * The auto-configuration declares one in a reactive web application; an application that
 * builds its own context without it can declare one as a bean.
 */
public final class GreenHubLifecycle implements SmartLifecycle {

	/**
	 * The phase of the lifecycle: between Spring Boot's graceful shutdown of the web
	 * server (its phase is the default less 1024) and the stop of the web server (the
	 * default less 2048).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private final GreenHubGroup group;

	private final Duration gracePeriod;

	private final ConfigurableApplicationContext context;

	// Written and read by the thread that starts and stops the context.
	private volatile boolean running;

	/**
	 * Creates the lifecycle.
	 * @param group the hub group whose green threads to end
	 * @param gracePeriod how long the green threads left may go on at the close before
	 * they are killed; {@link Duration#ZERO} kills them at once
	 * @param context the context whose close ends them
	 */
	public GreenHubLifecycle(GreenHubGroup group, Duration gracePeriod, ConfigurableApplicationContext context) {
		this.group = group;
		this.gracePeriod = gracePeriod;
		this.context = context;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		// a context being closed is marked closed before its lifecycle beans stop
		if (this.context.isClosed() && !this.group.isClosed()) {
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
