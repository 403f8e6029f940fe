/**
 * A fan-out to three downstream calls with GreenPile, each under a GreenTimeout.
 */
@NullMarked
package io.greenhub.sample.aggregate;

import org.jspecify.annotations.NullMarked;
