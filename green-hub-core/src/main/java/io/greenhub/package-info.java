/**
 * Green threads on Reactor Netty's event loops: the hub, green threads and their bridges to Reactor.
 */
@NullMarked
package io.greenhub;

import org.jspecify.annotations.NullMarked;
