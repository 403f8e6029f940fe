package io.greenhub.internal;

import org.jspecify.annotations.Nullable;

/**
 * Reading results in order without losing one to a reader that gives up.
 */
public final class Outcomes {

	private Outcomes() {
	}

	/**
	 * Joins the thread and then removes it from where it waits to be read, unless the
	 * join ended for a reason of the reader's own (it was killed, or its time ran out)
	 * while the thread still runs: then the result stays for the next read.
	 */
	public static <T extends @Nullable Object> T joinThenRemove(DefaultGreenThread<T> thread, Runnable remove) {
		T value;
		try {
			value = thread.join();
		}
		catch (RuntimeException | Error ex) {
			if (isOutcomeOf(thread, ex)) {
				remove.run();
			}
			throw ex;
		}
		remove.run();
		return value;
	}

	private static boolean isOutcomeOf(DefaultGreenThread<?> thread, Throwable thrown) {
		if (!thread.isDone()) {
			return false;
		}
		Throwable error = thread.error();
		return error == thrown || (error != null && thrown.getCause() == error);
	}

}
