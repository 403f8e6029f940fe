/**
 * The samples of the green TCP page: a line protocol on {@code LineTransport}.
 */
@NullMarked
package io.greenhub.docs.tcp;

import org.jspecify.annotations.NullMarked;
