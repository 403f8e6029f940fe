/**
 * Peers G-loop and G-pool of the load benchmark: {@code @GreenHandler} controllers.
 */
@NullMarked
package io.greenhub.benchmarks.green;

import org.jspecify.annotations.NullMarked;
