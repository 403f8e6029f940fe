/**
 * Auto-configuration of green-hub's Redis primitives on Spring Boot's Redis connection.
 */
@NullMarked
package io.greenhub.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
