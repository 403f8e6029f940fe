/**
 * The runtime behind green-hub's API, not an API itself: public only where another
 * green-hub package needs it, and liable to change in any release.
 */
@NullMarked
package io.greenhub.internal;

import org.jspecify.annotations.NullMarked;
