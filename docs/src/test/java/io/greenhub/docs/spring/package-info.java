/**
 * The samples of the Spring Boot page: background green workers and HTTP clients on the hubs.
 */
@NullMarked
package io.greenhub.docs.spring;

import org.jspecify.annotations.NullMarked;
