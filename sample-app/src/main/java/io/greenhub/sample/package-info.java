/**
 * The green-hub sample application.
 */
@NullMarked
package io.greenhub.sample;

import org.jspecify.annotations.NullMarked;
