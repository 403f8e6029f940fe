/**
 * Micrometer meters of the hubs and the named green primitives.
 */
@NullMarked
package io.greenhub.spring.metrics;

import org.jspecify.annotations.NullMarked;
