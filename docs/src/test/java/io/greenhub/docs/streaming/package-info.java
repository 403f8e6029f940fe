/**
 * Streamed responses written both ways, green handlers that send and reactive ones that return a {@code Flux}, for the streaming guide.
 */
@NullMarked
package io.greenhub.docs.streaming;

import org.jspecify.annotations.NullMarked;
