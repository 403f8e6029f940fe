/**
 * JMH micro-benchmarks of the hub: spawn and join, park and unpark, and waiting on Monos.
 */
@NullMarked
package io.greenhub.benchmarks;

import org.jspecify.annotations.NullMarked;
