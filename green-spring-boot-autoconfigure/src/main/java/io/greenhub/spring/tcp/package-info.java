/**
 * Green TCP servers that start and stop with the Spring context.
 */
@NullMarked
package io.greenhub.spring.tcp;

import org.jspecify.annotations.NullMarked;
