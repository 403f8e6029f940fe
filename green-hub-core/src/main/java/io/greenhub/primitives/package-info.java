/**
 * Green primitives: events, semaphores, queues, pools and piles whose waits park the
 * calling green thread.
 */
@NullMarked
package io.greenhub.primitives;

import org.jspecify.annotations.NullMarked;
