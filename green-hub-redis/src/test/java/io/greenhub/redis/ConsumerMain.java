package io.greenhub.redis;

import java.time.Duration;

import io.greenhub.primitives.GreenQueue;
import io.lettuce.core.RedisClient;

/**
 * A child JVM that consumes a queue until it is killed: args are the Redis URI, the
 * queue's name and the visibility timeout in ms. For each entry it prints
 * {@code PROCESSED <item> <deliveries>} (its side effect) and then marks the entry done.
 */
public final class ConsumerMain {

	private ConsumerMain() {
	}

	public static void main(String[] args) {
		GreenRedis redis = GreenRedis.connect(RedisClient.create(args[0]),
				TestRedis.options().withVisibilityTimeout(Duration.ofMillis(Long.parseLong(args[2]))));
		GreenQueue<String> queue = GreenQueue.of(redis.queue(args[1], 100_000, RedisValueCodec.strings()));
		for (;;) {
			String item = queue.take();
			System.out.println("PROCESSED " + item + " " + RedisDelivery.current().orElseThrow().deliveries());
			System.out.flush();
			queue.taskDone();
		}
	}

}
