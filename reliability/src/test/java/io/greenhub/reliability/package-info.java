/**
 * Reliability and security tests of a whole green-hub application over real sockets.
 */
@NullMarked
package io.greenhub.reliability;

import org.jspecify.annotations.NullMarked;
