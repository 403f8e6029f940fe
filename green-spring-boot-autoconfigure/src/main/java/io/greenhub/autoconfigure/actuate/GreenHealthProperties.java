package io.greenhub.autoconfigure.actuate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code green} health indicator.
 */
@ConfigurationProperties("green.health")
public class GreenHealthProperties {

	/**
	 * How long a hub's event loop may be held, as blocking detection sees it, before the health
	 * indicator reports DOWN.
	 */
	private Duration stallLimit = Duration.ofSeconds(5);

	public Duration getStallLimit() {
		return this.stallLimit;
	}

	public void setStallLimit(Duration stallLimit) {
		this.stallLimit = stallLimit;
	}

}
