/**
 * Tests that keep the guide in docs/*.md true: its samples compile, its YAML binds, its reference names every type, property and link.
 */
@NullMarked
package io.greenhub.docs;

import org.jspecify.annotations.NullMarked;
