/**
 * Auto-configuration of the Micrometer meters of the hubs and the named green primitives.
 */
@NullMarked
package io.greenhub.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
