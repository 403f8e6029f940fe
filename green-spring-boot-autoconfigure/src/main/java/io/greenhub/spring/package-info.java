/**
 * Green-hub for Spring applications: green WebFlux handlers, their exceptions and the
 * application's own background green workers.
 */
@NullMarked
package io.greenhub.spring;

import org.jspecify.annotations.NullMarked;
