package io.greenhub.redis;

import java.util.function.Function;

/**
 * How the items of a {@link RedisQueue} become the strings stored in its stream, and
 * back. In a Spring application the default codec writes JSON with the application's JSON
 * mapper. Called on the thread that puts or takes.
 *
 * @param <T> the type of the items
 */
public interface RedisValueCodec<T> {

	/**
	 * Returns the stored form of the item.
	 * @param item the item
	 * @return the string stored
	 */
	String encode(T item);

	/**
	 * Returns the item a stored string stands for.
	 * @param value the string stored
	 * @return the item
	 */
	T decode(String value);

	/**
	 * Returns the codec that stores strings as they are.
	 * @return the codec
	 */
	static RedisValueCodec<String> strings() {
		return of(Function.identity(), Function.identity());
	}

	/**
	 * Returns a codec of two functions.
	 * @param <T> the type of the items
	 * @param encoder from an item to its stored form
	 * @param decoder from the stored form to the item
	 * @return the codec
	 */
	static <T> RedisValueCodec<T> of(Function<? super T, String> encoder, Function<String, ? extends T> decoder) {
		return new RedisValueCodec<>() {

			@Override
			public String encode(T item) {
				return encoder.apply(item);
			}

			@Override
			public T decode(String value) {
				return decoder.apply(value);
			}

		};
	}

}
