package io.greenhub.internal;

/**
 * A time limit of one green thread, as that thread's waits see it: the runtime's side of
 * a {@link io.greenhub.GreenTimeout}. Every method is called by the limited green thread
 * only, but {@link #isPending()}, which any thread may call.
 */
public interface TimeLimit {

	/**
	 * Returns whether the limit is still to fire: neither closed nor thrown yet.
	 * @return whether it is pending
	 */
	boolean isPending();

	/**
	 * Returns the nanoseconds until the deadline, negative once it has passed.
	 * @return the time left
	 */
	long nanosLeft();

	/**
	 * Throws the limit's exception if the deadline has passed and it has not been thrown
	 * yet.
	 */
	void deliver();

	/**
	 * Returns whether the exception is the one this limit threw.
	 * @param ex the exception
	 * @return whether this limit threw it
	 */
	boolean threw(Throwable ex);

	/**
	 * Makes a limit whose exception was thrown but not acted on (the wait had been
	 * granted) pending again, to be thrown at the next wait.
	 */
	void redeliver();

}
