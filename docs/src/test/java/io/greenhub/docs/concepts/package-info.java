/**
 * The concepts guide's samples: green threads, kill, the non-blocking subset and context propagation.
 */
@NullMarked
package io.greenhub.docs.concepts;

import org.jspecify.annotations.NullMarked;
