/**
 * Green WebSockets: a WebSocket session served on a green thread of its connection's hub,
 * read and written by plain synchronous code.
 */
@NullMarked
package io.greenhub.spring.web.socket;

import org.jspecify.annotations.NullMarked;
