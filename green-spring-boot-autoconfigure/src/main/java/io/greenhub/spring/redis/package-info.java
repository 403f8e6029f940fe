/**
 * The runtime parts of green-hub's Redis primitives in a Spring application: the codec of
 * their items and their meters.
 */
@NullMarked
package io.greenhub.spring.redis;

import org.jspecify.annotations.NullMarked;
