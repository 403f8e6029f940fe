/**
 * The troubleshooting guide's samples: a loop held by computation, and computation that can be killed.
 */
@NullMarked
package io.greenhub.docs.troubleshooting;

import org.jspecify.annotations.NullMarked;
