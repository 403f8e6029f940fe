package io.greenhub.autoconfigure.redis;

import io.greenhub.redis.RedisValueCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Items as JSON written with the application's {@link JsonMapper}, read as the queue's
 * {@code type}. Stateless; called on the threads that put and take.
 */
final class JsonValueCodec implements RedisValueCodec<Object> {

	private final JsonMapper mapper;

	private final Class<?> type;

	JsonValueCodec(JsonMapper mapper, Class<?> type) {
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
