/**
 * A line-based TCP chat server on a green TCP server: eventlet's twisted_server.
 */
@NullMarked
package io.greenhub.sample.chat;

import org.jspecify.annotations.NullMarked;
