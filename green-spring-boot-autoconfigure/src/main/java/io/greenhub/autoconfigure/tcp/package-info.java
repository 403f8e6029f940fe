/**
 * Auto-configuration of green TCP servers.
 */
@NullMarked
package io.greenhub.autoconfigure.tcp;

import org.jspecify.annotations.NullMarked;
