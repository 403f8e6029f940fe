/**
 * The dispatch of green WebFlux requests: one green thread per request, its limits, its
 * errors.
 */
@NullMarked
package io.greenhub.spring.web;

import org.jspecify.annotations.NullMarked;
