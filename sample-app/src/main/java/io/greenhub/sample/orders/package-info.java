/**
 * An order pipeline: a queue, green workers, a semaphore around a slow downstream, and an
 * event per order.
 */
@NullMarked
package io.greenhub.sample.orders;

import org.jspecify.annotations.NullMarked;
