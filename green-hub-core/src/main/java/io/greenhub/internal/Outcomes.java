package io.greenhub;

import org.jspecify.annotations.Nullable;

/**
 * Reading results in order without losing one to a reader that gives up.
 */
final class Outcomes {

	private Outcomes() {
	}

	/**
	 * Joins the thread and then removes it from where it waits to be read, unless the join ended
	 * for a reason of the reader's own (it was killed, or its time ran out) while the thread still
	 * runs: then the result stays for the next read.
	 */
	static <T extends @Nullable Object> T joinThenRemove(GreenThread<T> thread, Runnable remove) {
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

	private static boolean isOutcomeOf(GreenThread<?> thread, Throwable thrown) {
		if (!thread.isDone() || !(thread instanceof DefaultGreenThread<?> green)) {
			return false;
		}
		Throwable error = green.error();
		return error == thrown || (error != null && thrown.getCause() == error);
	}

}
