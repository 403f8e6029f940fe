/**
 * Named green primitives whose state lives in Redis, shared by every instance that names
 * them, through Lettuce.
 */
@NullMarked
package io.greenhub.redis;

import org.jspecify.annotations.NullMarked;
