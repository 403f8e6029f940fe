package io.greenhub.sample.orders;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}, such as {@code {"item": "tea", "quantity": 2}}.
 *
 * @param item what is ordered
 * @param quantity how many, 1 to 1000
 */
public record OrderRequest(@Nullable String item, int quantity) {

}
