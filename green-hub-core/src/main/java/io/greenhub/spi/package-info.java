/**
 * The store SPI: what a {@code GreenSemaphore}, {@code GreenQueue} or {@code GreenEvent}
 * delegates to when its state lives outside the JVM.
 */
@NullMarked
package io.greenhub.spi;

import org.jspecify.annotations.NullMarked;
