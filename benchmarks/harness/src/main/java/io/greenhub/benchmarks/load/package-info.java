/**
 * The HTTP load harness: it starts the peers, the downstream server and the load
 * generators as processes of their own, measures every scenario and writes the report
 * with its charts.
 */
@NullMarked
package io.greenhub.benchmarks.load;

import org.jspecify.annotations.NullMarked;
