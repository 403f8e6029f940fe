/**
 * Auto-configuration of green handlers for WebFlux controllers.
 */
@NullMarked
package io.greenhub.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
