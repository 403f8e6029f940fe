/**
 * Green-hub for Spring applications: green WebFlux handlers and their exceptions.
 */
@NullMarked
package io.greenhub.spring;

import org.jspecify.annotations.NullMarked;
