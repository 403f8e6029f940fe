package io.greenhub;

import java.time.Duration;

/**
 * Receives samples of a hub's lag: how long a green thread of the hub waited between
 * becoming runnable and running. A hub whose lag grows has more runnable work than its
 * event loop gets through, or is held by something that does not park; it is the measure
 * that says a loop is overloaded.
 *
 * <p>
 * The lag is sampled, not measured on every switch, so that the scheduling path costs
 * nothing more: the watchdog thread of the group starts a small probe green thread on
 * each hub a few times per blocking-detection threshold (every 25 ms by default), at most
 * one per hub at a time, and the probe reports how long it waited for its first turn. A
 * probe started while the loop is held reports the stall it waited through once the loop
 * runs again.
 *
 * <pre>{@code
 * group.addLagListener((hub, lag) -> lagTimers.get(hub.index()).record(lag));
 * }</pre>
 *
 * @see GreenHubGroup#addLagListener(HubLagListener)
 */
@FunctionalInterface
public interface HubLagListener {

	/**
	 * Receives one sample. Called on the probe green thread of the hub, as the first
	 * thing it does, so it should return at once and must not park.
	 * @param hub the hub sampled
	 * @param lag how long the probe waited between being made runnable and running
	 */
	void lagged(GreenHub hub, Duration lag);

}
