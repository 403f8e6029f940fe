/**
 * Green threads on Reactor Netty's event loops: hubs and their groups, green threads,
 * scopes, timeouts, and the bridges to and from Reactor.
 */
@NullMarked
package io.greenhub;

import org.jspecify.annotations.NullMarked;
