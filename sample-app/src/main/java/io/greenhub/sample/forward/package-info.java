/**
 * A TCP port forwarder on a green TCP server: eventlet's twisted_portforward.
 */
@NullMarked
package io.greenhub.sample.forward;

import org.jspecify.annotations.NullMarked;
