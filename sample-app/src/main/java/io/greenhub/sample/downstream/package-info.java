/**
 * Slow endpoints of the app itself, and the client that calls them, so the fan-out and
 * pipeline samples need no outside service.
 */
@NullMarked
package io.greenhub.sample.downstream;

import org.jspecify.annotations.NullMarked;
