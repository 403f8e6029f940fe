/**
 * Spring's blocking HTTP clients on green threads: what a kill of the calling green
 * thread does to a response it reads.
 */
@NullMarked
package io.greenhub.spring.client;

import org.jspecify.annotations.NullMarked;
