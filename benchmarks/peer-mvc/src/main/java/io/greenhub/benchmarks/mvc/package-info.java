/**
 * Peer B3 of the load benchmark: Spring MVC on Tomcat, each request on a virtual thread.
 */
@NullMarked
package io.greenhub.benchmarks.mvc;

import org.jspecify.annotations.NullMarked;
