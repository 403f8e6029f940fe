package io.greenhub.spring.web;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;

import org.springframework.core.task.AsyncTaskExecutor;

/**
 * WebFlux's blocking-execution executor for green controller methods, so that Spring's
 * own scheduling of blocking methods keeps them on their request's green thread: a task
 * submitted from a green thread runs at once on it. One submitted elsewhere (an argument
 * that a custom resolver completes on an event loop later) runs on a new green thread of
 * that loop's hub: the one case in which a green request takes a second green thread.
 */
public class GreenHandlerExecutor implements AsyncTaskExecutor {

	private final GreenHubGroup hubs;

	/**
	 * Creates the executor.
	 * @param hubs the hub group, for tasks submitted off the hubs' loops
	 */
	public GreenHandlerExecutor(GreenHubGroup hubs) {
		this.hubs = hubs;
	}

	@Override
	public void execute(Runnable task) {
		if (Green.isGreen()) {
			task.run();
			return;
		}
		try {
			Green.spawn(task);
		}
		catch (IllegalStateException ex) {
			// not on a hub's loop
			this.hubs.spawn(() -> {
				task.run();
				return null;
			});
		}
	}

}
