package io.greenhub.autoconfigure;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

class GreenHubAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class));

	@Test
	void createsAHubGroupFromTheGreenHubProperties() {
		this.runner.withPropertyValues("green.hub.name=orders", "green.hub.hubs=3", "green.hub.mode=pool")
			.run((context) -> {
				GreenHubGroup group = context.getBean(GreenHubGroup.class);
				assertThat(group.name()).isEqualTo("orders");
				assertThat(group.mode()).isEqualTo(HubMode.POOL);
				assertThat(group.hubs()).extracting(GreenHub::name).containsExactly("orders-0", "orders-1", "orders-2");
			});
	}

	@Test
	void blockingDetectionIsOnAt100msByDefaultAndConfigurable() {
		this.runner.run((context) -> assertThat(context.getBean(GreenHubGroup.class).blockingDetectionThreshold())
			.isEqualTo(java.time.Duration.ofMillis(100)));
		this.runner.withPropertyValues("green.hub.blocking-detection.threshold=250ms")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class).blockingDetectionThreshold())
				.isEqualTo(java.time.Duration.ofMillis(250)));
		this.runner.withPropertyValues("green.hub.blocking-detection.enabled=false")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class).blockingDetectionThreshold()).isZero());
		this.runner.run((context) -> assertThat(context.getBean(GreenHubGroup.class).reportsPinnedParks()).isFalse());
		this.runner.withPropertyValues("green.hub.blocking-detection.pinned-parks=true")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class).reportsPinnedParks()).isTrue());
		this.runner.withPropertyValues("green.hub.blocking-detection.threshold=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("green.hub.blocking-detection.threshold must be positive"));
	}

	@Test
	void workStealingIsOnAt1msInLoopModeByDefaultAndConfigurable() {
		// a JVM with one processor has no carrier to spare for a take-over
		boolean spare = Runtime.getRuntime().availableProcessors() > 1;
		this.runner.withPropertyValues("green.hub.mode=loop", "green.hub.hubs=2")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class).workStealingThreshold())
				.isEqualTo(spare ? java.time.Duration.ofMillis(1) : java.time.Duration.ZERO));
		this.runner
			.withPropertyValues("green.hub.mode=loop", "green.hub.hubs=2", "green.hub.work-stealing.threshold=5ms")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class).workStealingThreshold())
				.isEqualTo(spare ? java.time.Duration.ofMillis(5) : java.time.Duration.ZERO));
		this.runner
			.withPropertyValues("green.hub.mode=loop", "green.hub.hubs=2", "green.hub.work-stealing.enabled=false")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class).workStealingThreshold()).isZero());
		this.runner.withPropertyValues("green.hub.work-stealing.threshold=10us")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.hub.work-stealing.threshold"));
	}

	@Test
	void nativeTransportCanBeSwitchedOffForNio() {
		this.runner.withPropertyValues("green.hub.native-transport=false", "green.hub.hubs=1")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class)
				.hubs()
				.get(0)
				.eventLoop()
				.isIoType(io.netty.channel.nio.NioIoHandler.class)).isTrue());
		this.runner.withPropertyValues("green.hub.hubs=1")
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class)
				.hubs()
				.get(0)
				.eventLoop()
				.isIoType(io.netty.channel.nio.NioIoHandler.class))
				.isEqualTo(!io.netty.channel.epoll.Epoll.isAvailable()));
	}

	@Test
	void theGroupRunsInLoopModeByDefaultWhereTheJdkAllowsIt() {
		this.runner.run((context) -> assertThat(context.getBean(GreenHubGroup.class).mode()).isEqualTo(HubMode.LOOP));
	}

	@Test
	void theGroupIsTheLoopResourcesOfReactorNetty() {
		this.runner.run((context) -> {
			ReactorResourceFactory factory = context.getBean(ReactorResourceFactory.class);
			assertThat(factory.isUseGlobalResources()).isFalse();
			assertThat(factory.getLoopResources()).isSameAs(context.getBean(GreenHubGroup.class));
		});
	}

	@Test
	void theGroupIsClosedWithTheContext() {
		GreenHubGroup[] group = new GreenHubGroup[1];
		this.runner.run((context) -> group[0] = context.getBean(GreenHubGroup.class));
		assertThat(group[0].isClosed()).isTrue();
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnGroupAndResourceFactory() {
		this.runner.withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context.getBean(GreenHubGroup.class).name()).isEqualTo("mine");
			assertThat(context.getBean(ReactorResourceFactory.class).isUseGlobalResources()).isTrue();
		});
	}

	@Test
	void withoutSpringWebTheGroupStillAutoConfiguresForNonWebUse() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactorResourceFactory.class)).run((context) -> {
			assertThat(context).hasSingleBean(GreenHubGroup.class);
			assertThat(context).doesNotHaveBean(ReactorResourceFactory.class);
		});
	}

	@Test
	void customizersSeeTheBuilderAfterTheProperties() {
		this.runner.withPropertyValues("green.hub.hubs=1")
			.withBean(GreenHubGroupCustomizer.class, () -> (builder) -> builder.name("customized"))
			.run((context) -> assertThat(context.getBean(GreenHubGroup.class).name()).isEqualTo("customized"));
	}

	@Test
	void aWrongValueFailsAtStartNamingTheProperty() {
		this.runner.withPropertyValues("green.hub.hubs=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("rejected value [0]")
				.hasMessageContaining("green.hub.hubs must be positive"));
		this.runner.withPropertyValues("green.hub.shutdown-grace-period=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.hub.shutdown-grace-period must not be negative"));
		this.runner.withPropertyValues("green.hub.name= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.hub.name must not be blank"));
		this.runner.withPropertyValues("green.hub.mode=sideways")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'green.hub.mode'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		@Bean(destroyMethod = "close")
		GreenHubGroup myGroup() {
			return GreenHubGroup.builder().name("mine").hubs(1).build();
		}

		@Bean
		ReactorResourceFactory myResourceFactory() {
			return new ReactorResourceFactory();
		}

	}

}
