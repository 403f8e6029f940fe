/**
 * The store SPI: what a {@code GreenSemaphore} or {@code GreenQueue} delegates to when its state lives outside the JVM.
 */
@NullMarked
package io.greenhub.spi;

import org.jspecify.annotations.NullMarked;
