/**
 * The WebSocket section of the streaming page: green WebSocket handlers and their reactive
 * equivalents, served side by side over a real port.
 */
@NullMarked
package io.greenhub.docs.websocket;

import org.jspecify.annotations.NullMarked;
