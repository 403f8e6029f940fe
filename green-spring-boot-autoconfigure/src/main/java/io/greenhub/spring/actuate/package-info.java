/**
 * The Actuator endpoint {@code green} and the health indicator {@code green}.
 */
@NullMarked
package io.greenhub.spring.actuate;

import org.jspecify.annotations.NullMarked;
