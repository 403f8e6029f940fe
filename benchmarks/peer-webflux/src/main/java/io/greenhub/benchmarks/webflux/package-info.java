/**
 * Peers B1 (profile {@code reactive}: {@code Mono} handlers and {@code WebClient}) and B2
 * (profile {@code virtual}: blocking handlers on Spring's virtual-thread blocking
 * execution) of the load benchmark.
 */
@NullMarked
package io.greenhub.benchmarks.webflux;

import org.jspecify.annotations.NullMarked;
