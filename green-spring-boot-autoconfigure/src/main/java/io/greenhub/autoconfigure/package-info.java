/**
 * Auto-configuration of green-hub: the hub group, installed as the event loops of Reactor
 * Netty.
 */
@NullMarked
package io.greenhub.autoconfigure;

import org.jspecify.annotations.NullMarked;
