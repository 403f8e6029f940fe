/**
 * The samples of the guide's page on coordinating green threads.
 */
@NullMarked
package io.greenhub.docs.primitives;

import org.jspecify.annotations.NullMarked;
