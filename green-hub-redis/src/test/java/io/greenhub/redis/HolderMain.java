package io.greenhub.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.greenhub.primitives.GreenSemaphore;
import io.lettuce.core.RedisClient;

/**
 * A child JVM that takes permits and holds them until it is killed: args are the Redis
 * URI, the semaphore's name, its permits, the lease in ms and how many to take. Prints
 * {@code HELD} once it holds them.
 */
public final class HolderMain {

	private HolderMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		GreenRedis redis = GreenRedis.connect(RedisClient.create(args[0]),
				TestRedis.options().withLease(Duration.ofMillis(Long.parseLong(args[3]))));
		GreenSemaphore semaphore = GreenSemaphore.of(redis.semaphore(args[1], Integer.parseInt(args[2])));
		for (int i = 0; i < Integer.parseInt(args[4]); i++) {
			semaphore.acquire();
		}
		System.out.println("HELD");
		System.out.flush();
		new CountDownLatch(1).await();
	}

}
