package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.greenhub.primitives.GreenEvent;
import io.greenhub.redis.GreenRedis;
import io.greenhub.redis.RedisEvent;
import io.greenhub.redis.RedisValueCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outcome events on Redis, one per order ({@code green:event:{order-<id>}:value}), under
 * the {@code redis} profile: the worker that takes an order may be another instance's,
 * and it sends the outcome that the instance which took the order answers {@code GET
 * /orders/{id}} with. Each outcome stays in Redis for an hour.
 */
@Component
@Profile("redis")
class RedisOrderOutcomes implements OrderOutcomes {

	private static final Duration TIME_TO_LIVE = Duration.ofHours(1);

	private final GreenRedis redis;

	private final RedisValueCodec<Order.Outcome> codec;

	// The events of the orders this instance retains, by id: added by handlers, removed
	// when an
	// order is forgotten.
	private final Map<String, RedisEvent<Order.Outcome>> open = new ConcurrentHashMap<>();

	RedisOrderOutcomes(GreenRedis redis, ObjectProvider<JsonMapper> mapper) {
		this.redis = redis;
		JsonMapper json = mapper.getIfAvailable(JsonMapper::new);
		this.codec = RedisValueCodec.of(json::writeValueAsString,
				(stored) -> json.readValue(stored, Order.Outcome.class));
	}

	@Override
	public GreenEvent<Order.Outcome> open(String id) {
		RedisEvent<Order.Outcome> event = this.redis.event("order-" + id, this.codec, TIME_TO_LIVE);
		this.open.put(id, event);
		return GreenEvent.of(event);
	}

	@Override
	public void forget(String id) {
		RedisEvent<Order.Outcome> event = this.open.remove(id);
		if (event != null) {
			event.close();
		}
	}

	@Override
	public void sendElsewhere(String id, Order.Outcome outcome) {
		try (RedisEvent<Order.Outcome> event = this.redis.event("order-" + id, this.codec, TIME_TO_LIVE)) {
			event.send(outcome);
		}
	}

}
