/**
 * Green TCP: servers whose connections are each handled on a green thread, clients, and
 * transports read and written synchronously.
 */
@NullMarked
package io.greenhub.tcp;

import org.jspecify.annotations.NullMarked;
