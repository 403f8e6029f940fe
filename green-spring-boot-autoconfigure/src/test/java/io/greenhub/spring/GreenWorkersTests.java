package io.greenhub.spring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.primitives.GreenQueue;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link GreenWorkers} in a real context: they start with it, stop at a pause or a stop
 * and run again after it, and a close lets the work in hand finish within the grace
 * period.
 */
class GreenWorkersTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class))
		.withPropertyValues("green.hub.hubs=2")
		.withUserConfiguration(Workers.class);

	@Test
	void workersStartWithTheContextStopAtAPauseOrAStopAndRunAgainAfterIt() {
		this.runner.run((context) -> {
			GreenWorkers workers = context.getBean(GreenWorkers.class);
			Workers work = context.getBean(Workers.class);
			assertThat(workers.isRunning()).isTrue();
			await().atMost(BOUND).until(() -> workers.running() == 3);
			work.jobs.put(1);
			await().atMost(BOUND).until(() -> work.done.contains(1));

			context.getSourceApplicationContext().pause();
			assertThat(workers.isRunning()).isFalse();
			assertThat(workers.running()).isZero();
			work.jobs.put(2);
			assertThat(work.jobs.size()).as("no worker takes work while paused").isEqualTo(1);
			context.getSourceApplicationContext().restart();
			await().atMost(BOUND).until(() -> work.done.contains(2));
			assertThat(workers.running()).isEqualTo(3);

			context.stop();
			assertThat(workers.running()).isZero();
			context.start();
			work.jobs.put(3);
			await().atMost(BOUND).until(() -> work.done.contains(3));
		});
	}

	@Test
	void aCloseLetsTheWorkInHandAndTheWorkQueuedFinishWithinTheGracePeriod() throws Exception {
		Workers[] work = new Workers[1];
		this.runner.run((context) -> {
			work[0] = context.getBean(Workers.class);
			work[0].pause = Duration.ofMillis(300);
			for (int i = 10; i < 16; i++) {
				work[0].jobs.put(i);
			}
			assertThat(work[0].started.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		});
		assertThat(work[0].done).containsExactlyInAnyOrder(10, 11, 12, 13, 14, 15);
		assertThat(work[0].hubs.alive()).isZero();
	}

	@Test
	void aWorkerStillAtWorkAfterTheGracePeriodIsKilled() throws Exception {
		Workers[] work = new Workers[1];
		long[] closedIn = new long[1];
		this.runner.withPropertyValues("test.grace-millis=200").run((context) -> {
			work[0] = context.getBean(Workers.class);
			work[0].pause = Duration.ofDays(1);
			work[0].jobs.put(20);
			assertThat(work[0].started.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			((ConfigurableApplicationContext) context.getSourceApplicationContext()).stop();
			closedIn[0] = System.nanoTime() - start;
		});
		assertThat(work[0].done).isEmpty();
		assertThat(work[0].killed).containsExactly(20);
		assertThat(Duration.ofNanos(closedIn[0])).isLessThan(BOUND);
	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		final GreenQueue<Integer> jobs = GreenQueue.unbounded("jobs");

		final List<Integer> done = new CopyOnWriteArrayList<>();

		final List<Integer> killed = new CopyOnWriteArrayList<>();

		final CountDownLatch started = new CountDownLatch(1);

		// Written by the test before it queues work; read by the workers.
		volatile Duration pause = Duration.ZERO;

		// Written once by the bean method; read by the tests.
		volatile GreenHubGroup hubs;

		@Bean
		GreenWorkers workers(GreenHubGroup hubs, org.springframework.core.env.Environment environment) {
			this.hubs = hubs;
			Duration grace = Duration.ofMillis(environment.getProperty("test.grace-millis", Long.class, 10_000L));
			return GreenWorkers.builder(hubs).name("test-worker").count(3).gracePeriod(grace).build((worker) -> {
				for (var job = worker.awaitWork(this.jobs); job.isPresent(); job = worker.awaitWork(this.jobs)) {
					this.started.countDown();
					try {
						Green.sleep(this.pause);
					}
					catch (RuntimeException ex) {
						this.killed.add(job.get());
						throw ex;
					}
					this.done.add(job.get());
				}
			});
		}

	}

}
