/**
 * The HTTP server's own defences for green handlers: bounds on slow requests, a check of
 * the HTTP version, and answers to clients that half-close.
 */
@NullMarked
package io.greenhub.spring.server;

import org.jspecify.annotations.NullMarked;
