package io.greenhub.spring.redis;

import io.greenhub.redis.RedisValueCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Items as JSON written with the application's {@link JsonMapper}, read as the queue's
 * {@code type}. Stateless; called on the threads that put and take. The codec of the
 * named Redis queues and events when Jackson is on the classpath; a Redis primitive made
 * by hand can take one too.
 */
public final class JsonValueCodec implements RedisValueCodec<Object> {

	private final JsonMapper mapper;

	private final Class<?> type;

	/**
	 * Creates the codec.
	 * @param mapper the mapper that writes and reads the JSON
	 * @param type the class the items are read as; {@code Object} for JSON values (maps,
	 * lists, strings, numbers and booleans)
	 */
	public JsonValueCodec(JsonMapper mapper, Class<?> type) {
		this.mapper = mapper;
		this.type = type;
	}

	@Override
	public String encode(Object item) {
		return this.mapper.writeValueAsString(item);
	}

	@Override
	public Object decode(String value) {
		return this.mapper.readValue(value, this.type);
	}

}
