package io.greenhub.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Start-up checks of the sample's {@code sample.*} properties: a bad value fails start-up
 * with an exception that names the property and the value.
 */
public final class PropertyChecks {

	private PropertyChecks() {
	}

	/**
	 * Fails unless the condition holds.
	 * @param condition what must hold
	 * @param property the property's name, such as {@code sample.proxy.allowed-hosts}
	 * @param value the value bound to it
	 * @param reason what the value must be
	 * @throws InvalidConfigurationPropertyValueException if the condition does not hold
	 */
	public static void check(boolean condition, String property, Object value, String reason) {
		if (!condition) {
			throw new InvalidConfigurationPropertyValueException(property, value, reason);
		}
	}

	/**
	 * Fails unless the duration is longer than zero.
	 * @param property the property's name
	 * @param value the value bound to it
	 * @return the value
	 */
	public static Duration positive(String property, Duration value) {
		check(value.isPositive(), property, value, "it must be positive");
		return value;
	}

	/**
	 * Fails unless the number is a TCP port, 1 to 65535.
	 * @param property the property's name
	 * @param value the value bound to it
	 * @return the value
	 */
	public static int port(String property, int value) {
		check(value > 0 && value <= 65535, property, value, "it must be a TCP port, 1 to 65535");
		return value;
	}

	/**
	 * Fails if the text is empty or blank.
	 * @param property the property's name
	 * @param value the value bound to it
	 * @return the value
	 */
	public static String notBlank(String property, String value) {
		check(!value.isBlank(), property, value, "it must not be blank");
		return value;
	}

}
