/**
 * Auto-configuration of Spring Boot's blocking HTTP clients for green threads.
 */
@NullMarked
package io.greenhub.autoconfigure.client;

import org.jspecify.annotations.NullMarked;
