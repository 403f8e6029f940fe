/**
 * One small service in three styles, Spring MVC with virtual threads, green-hub and reactive WebFlux, for the migration guide.
 */
@NullMarked
package io.greenhub.docs.migration;

import org.jspecify.annotations.NullMarked;
