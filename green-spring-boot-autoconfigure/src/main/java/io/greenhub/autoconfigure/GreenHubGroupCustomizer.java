package io.greenhub.autoconfigure;

import io.greenhub.GreenHubGroup;

/**
 * Customizes the builder of the auto-configured {@link GreenHubGroup} after the
 * {@code green.hub.*} properties have been applied. Called once, on the thread that
 * creates the application context.
 */
@FunctionalInterface
public interface GreenHubGroupCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(GreenHubGroup.Builder builder);

}
