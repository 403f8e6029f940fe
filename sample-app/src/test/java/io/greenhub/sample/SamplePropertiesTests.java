package io.greenhub.sample;

import io.greenhub.sample.aggregate.AggregateProperties;
import io.greenhub.sample.client.GreenClientProperties;
import io.greenhub.sample.forward.ForwardProperties;
import io.greenhub.sample.orders.OrdersProperties;
import io.greenhub.sample.proxy.ProxyProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad {@code sample.*} value fails start-up with an exception that names the property.
 */
class SamplePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AllProperties.class);

	@Test
	void theDefaultsAreValid() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ProxyProperties.class).allowedHosts()).isEmpty();
			assertThat(context.getBean(OrdersProperties.class).workers()).isEqualTo(16);
			assertThat(context.getBean(AggregateProperties.class).delays()).containsOnlyKeys("a", "b", "c");
		});
	}

	@Test
	void allowedHostsAreComparedWithoutCase() {
		this.runner.withPropertyValues("sample.proxy.allowed-hosts= Example.COM ,127.0.0.1").run((context) -> {
			ProxyProperties proxy = context.getBean(ProxyProperties.class);
			assertThat(proxy.allows("example.com")).isTrue();
			assertThat(proxy.allows("EXAMPLE.com")).isTrue();
			assertThat(proxy.allows("example.org")).isFalse();
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			sample.proxy.allowed-hosts=http://example.com        | sample.proxy.allowed-hosts
			sample.proxy.allowed-hosts=example.com:8080          | sample.proxy.allowed-hosts
			sample.proxy.read-timeout=0s                         | sample.proxy.read-timeout
			sample.aggregate.timeout=-1s                         | sample.aggregate.timeout
			sample.aggregate.delays.b=11s                        | sample.aggregate.delays.b
			sample.aggregate.delays[Bad_Name]=1s                 | sample.aggregate.delays.Bad_Name
			sample.forward.port=70000                            | sample.forward.port
			sample.forward.host=                                 | sample.forward.host
			sample.client.port=0                                 | sample.client.port
			sample.orders.workers=0                              | sample.orders.workers
			sample.orders.downstream-delay=-5ms                  | sample.orders.downstream-delay
			""")
	void aBadValueFailsStartupNamingTheProperty(String setting, String property) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property " + property);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ProxyProperties.class, AggregateProperties.class, ForwardProperties.class,
			GreenClientProperties.class, OrdersProperties.class })
	static class AllProperties {

	}

}
