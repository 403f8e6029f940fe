package io.greenhub.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The defaults of a hub group's work stealing, from the system properties
 * {@value #ENABLED_PROPERTY} and {@value #THRESHOLD_PROPERTY}, read by each builder as it
 * is made.
 */
public final class WorkStealingDefaults {

	/** The system property that sets whether work stealing is on by default. */
	public static final String ENABLED_PROPERTY = "green.hub.work-stealing.enabled";

	/** The system property that sets the default work-stealing threshold. */
	public static final String THRESHOLD_PROPERTY = "green.hub.work-stealing.threshold";

	/** The shortest threshold: a carrier is looked at that often. */
	public static final Duration MIN_THRESHOLD = Duration.ofNanos(100_000);

	private WorkStealingDefaults() {
	}

	/**
	 * Returns whether work stealing is on by default: unless the system property says
	 * {@code false}.
	 * @return whether it is on
	 */
	public static boolean enabled() {
		return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY));
	}

	/**
	 * Returns the default threshold: the system property's, or 1 ms.
	 * @return the threshold
	 * @throws IllegalArgumentException if the property is not a duration of at least 100
	 * us
	 */
	public static Duration threshold() {
		return threshold(System.getProperty(THRESHOLD_PROPERTY));
	}

	private static Duration threshold(@Nullable String property) {
		if (property == null || property.isBlank()) {
			return Duration.ofMillis(1);
		}
		Duration threshold;
		try {
			String value = property.trim();
			threshold = value.endsWith("ms")
					? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()))
					: Duration.parse(value);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("System property " + THRESHOLD_PROPERTY
					+ " must be a duration such as 2ms or PT0.002S, was: '" + property + "'", ex);
		}
		if (threshold.compareTo(MIN_THRESHOLD) < 0) {
			throw new IllegalArgumentException(
					"System property " + THRESHOLD_PROPERTY + " must be at least 100 us, was: '" + property + "'");
		}
		return threshold;
	}

}
