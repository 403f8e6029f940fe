/**
 * Auto-configuration of the HTTP server's defences for green handlers.
 */
@NullMarked
package io.greenhub.autoconfigure.server;

import org.jspecify.annotations.NullMarked;
