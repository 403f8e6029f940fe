package io.greenhub.autoconfigure.actuate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the {@code green} health indicator, under {@code green.health}.
 * Validated when bound: a stall limit that is not positive fails the start naming the
 * property.
 */
@ConfigurationProperties("green.health")
public class GreenHealthProperties implements Validator {

	/**
	 * How long a hub's event loop may be held, as blocking detection sees it, before the
	 * health indicator reports DOWN.
	 */
	private Duration stallLimit = Duration.ofSeconds(5);

	public Duration getStallLimit() {
		return this.stallLimit;
	}

	public void setStallLimit(Duration stallLimit) {
		this.stallLimit = stallLimit;
	}

	@Override
	public boolean supports(Class<?> type) {
		return GreenHealthProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		if (!((GreenHealthProperties) target).getStallLimit().isPositive()) {
			errors.rejectValue("stallLimit", "positive", "green.health.stall-limit must be positive.");
		}
	}

}
