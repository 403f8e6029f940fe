/**
 * A green TCP client run at start-up when enabled: eventlet's twisted_client.
 */
@NullMarked
package io.greenhub.sample.client;

import org.jspecify.annotations.NullMarked;
