package io.greenhub.sample.aggregate;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.greenhub.sample.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fan-out's settings, under {@code sample.aggregate}; checked at start-up.
 *
 * @param timeout how long each downstream call may take before it is marked as timed out
 * @param delays the downstreams to call, by name, with how long each takes to answer (0
 * to 10s); unset: {@code a} 50ms, {@code b} 100ms and {@code c} 300ms
 */
@ConfigurationProperties("sample.aggregate")
public record AggregateProperties(@DefaultValue("200ms") Duration timeout, @DefaultValue Map<String, Duration> delays) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

	private static final Duration MAX_DELAY = Duration.ofSeconds(10);

	private static final Map<String, Duration> DEFAULT_DELAYS = defaultDelays();

	public AggregateProperties {
		PropertyChecks.positive("sample.aggregate.timeout", timeout);
		if (delays.isEmpty()) {
			delays = DEFAULT_DELAYS;
		}
		for (Map.Entry<String, Duration> delay : delays.entrySet()) {
			String property = "sample.aggregate.delays." + delay.getKey();
			PropertyChecks.check(NAME.matcher(delay.getKey()).matches(), property, delay.getKey(),
					"a downstream's name is 1 to 32 lower-case letters, digits or '-'");
			PropertyChecks.check(!delay.getValue().isNegative() && delay.getValue().compareTo(MAX_DELAY) <= 0, property,
					delay.getValue(), "it must be between 0 and 10s");
		}
		delays = Collections.unmodifiableMap(new LinkedHashMap<>(delays));
	}

	private static Map<String, Duration> defaultDelays() {
		Map<String, Duration> delays = new LinkedHashMap<>();
		delays.put("a", Duration.ofMillis(50));
		delays.put("b", Duration.ofMillis(100));
		delays.put("c", Duration.ofMillis(300));
		return delays;
	}

}
