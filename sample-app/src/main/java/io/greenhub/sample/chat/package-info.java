/**
 * A line-based chat room on a green TCP server (eventlet's twisted_server) with a
 * WebSocket face.
 */
@NullMarked
package io.greenhub.sample.chat;

import org.jspecify.annotations.NullMarked;
