/**
 * The getting-started guide's application: one green controller, called over a real port.
 */
@NullMarked
package io.greenhub.docs.gettingstarted;

import org.jspecify.annotations.NullMarked;
