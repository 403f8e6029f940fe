package io.greenhub.sample;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.server.ServerWebInputException;

/**
 * Durations given in request parameters, such as {@code ?wait=2s} or
 * {@code ?delay=150ms}: a value that is not a duration, negative, or above the maximum is
 * a 400 Bad Request.
 */
public final class RequestDurations {

	private RequestDurations() {
	}

	/**
	 * Parses a duration parameter in Spring Boot's styles ({@code 2s}, {@code 150ms},
	 * {@code PT1M}, or milliseconds).
	 * @param name the parameter's name
	 * @param value its value
	 * @param max the longest duration accepted
	 * @return the duration
	 * @throws ServerWebInputException if the value is not a duration from zero to the
	 * maximum
	 */
	public static Duration parse(String name, String value, Duration max) {
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new ServerWebInputException(
					"Parameter '" + name + "' must be a duration such as 2s or 150ms, was: '" + value + "'");
		}
		if (duration.isNegative() || duration.compareTo(max) > 0) {
			throw new ServerWebInputException(
					"Parameter '" + name + "' must be between 0 and " + max.toMillis() + "ms, was: " + value);
		}
		return duration;
	}

}
