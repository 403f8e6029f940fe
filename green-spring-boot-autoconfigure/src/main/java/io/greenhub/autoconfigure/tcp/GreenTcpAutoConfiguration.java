package io.greenhub.autoconfigure.tcp;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenServer;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.tcp.GreenTcpServers;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of green TCP servers: each {@code green.tcp.servers.<name>} entry is served
 * by the {@code GreenConnectionHandler} bean annotated {@code @GreenHandler(server = "<name>")},
 * on the hubs of the application's group, and starts and stops with the context.
 */
@AutoConfiguration(after = GreenHubAutoConfiguration.class)
@ConditionalOnClass(GreenServer.class)
@ConditionalOnBean(GreenHubGroup.class)
@EnableConfigurationProperties(GreenTcpProperties.class)
@Import(GreenTcpAutoConfiguration.ServersConfiguration.class)
public final class GreenTcpAutoConfiguration {

	private GreenTcpAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class ServersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenTcpServers greenTcpServers(GreenHubGroup hubs, GreenTcpProperties properties, ListableBeanFactory beans,
				Environment environment) {
			return new GreenTcpServers(hubs, properties, beans, environment);
		}

	}

}
