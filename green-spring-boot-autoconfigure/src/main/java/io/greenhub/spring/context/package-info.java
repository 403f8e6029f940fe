/**
 * Thread-local context (MDC, security context, observation) carried into green threads
 * through Micrometer's context-propagation.
 */
@NullMarked
package io.greenhub.spring.context;

import org.jspecify.annotations.NullMarked;
