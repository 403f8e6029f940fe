/**
 * An HTTP proxy handler on Spring's RestClient, limited to an allow-list of hosts:
 * eventlet's twisted_http_proxy.
 */
@NullMarked
package io.greenhub.sample.proxy;

import org.jspecify.annotations.NullMarked;
