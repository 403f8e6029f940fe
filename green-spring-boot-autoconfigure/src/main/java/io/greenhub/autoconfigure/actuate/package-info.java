/**
 * Auto-configuration of the Actuator endpoint {@code green} and the health indicator
 * {@code green}.
 */
@NullMarked
package io.greenhub.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
