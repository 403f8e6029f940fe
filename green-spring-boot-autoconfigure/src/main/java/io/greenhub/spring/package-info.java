/**
 * Green-hub for Spring applications: green WebFlux handlers, their exceptions, the
 * binding of TCP connection handlers, the end of the green threads at shutdown and the
 * application's own background green workers.
 */
@NullMarked
package io.greenhub.spring;

import org.jspecify.annotations.NullMarked;
