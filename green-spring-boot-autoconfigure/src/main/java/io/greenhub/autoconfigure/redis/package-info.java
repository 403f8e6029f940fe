/**
 * Auto-configuration of green-hub's Redis primitives on Spring Boot's Redis connection:
 * the connection, the beans of each primitive with {@code store: redis}, and their
 * meters.
 */
@NullMarked
package io.greenhub.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
