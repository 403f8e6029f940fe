package io.greenhub.autoconfigure.redis;

import io.greenhub.redis.GreenRedis;
import io.greenhub.redis.GreenRedisOptions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@link GreenRedis} of the named primitives with {@code store: redis}, on the
 * Lettuce client of Spring Boot's Redis auto-configuration: made only when such a
 * primitive asks for it, closed with the context. Its meters are bound when Micrometer is
 * there.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ GreenRedis.class, LettuceConnectionFactory.class })
@EnableConfigurationProperties(GreenRedisProperties.class)
@Import({ GreenRedisAutoConfiguration.ConnectionConfiguration.class, GreenRedisMetricsConfiguration.class })
public final class GreenRedisAutoConfiguration {

	private GreenRedisAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionConfiguration {

		@Bean(destroyMethod = "close")
		@Lazy
		@ConditionalOnMissingBean
		@ConditionalOnBean(LettuceConnectionFactory.class)
		static GreenRedis greenRedis(LettuceConnectionFactory connectionFactory, GreenRedisProperties properties) {
			AbstractRedisClient client = connectionFactory.getNativeClient();
			if (!(client instanceof RedisClient standalone)) {
				throw new IllegalStateException("green-hub's primitives on Redis need a standalone Redis "
						+ "(spring.data.redis.url or host), not Redis Cluster or Sentinel: the client is " + client);
			}
			// the properties are validated when bound (GreenRedisProperties#validate)
			return GreenRedis.connect(standalone, new GreenRedisOptions(properties.getTimeout(), properties.getLease(),
					properties.getVisibilityTimeout(), properties.getMaxDeliveries(), properties.getKeyPrefix()));
		}

	}

}
