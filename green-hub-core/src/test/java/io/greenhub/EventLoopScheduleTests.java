package io.greenhub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.greenhub.primitives.GreenEvent;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task scheduled on a hub's event loop runs when its delay is up, although the hub is
 * otherwise idle (its loop waits for I/O that does not come), wherever the task was
 * scheduled from.
 */
class EventLoopScheduleTests {

	private static final long DELAY_MILLIS = 50;

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTaskScheduledFromAnotherThreadRunsOnAnIdleHub(HubMode mode) throws Exception {
		withIdleConnection(mode, (group, loop) -> {
			CountDownLatch ran = new CountDownLatch(1);
			loop.schedule(ran::countDown, DELAY_MILLIS, TimeUnit.MILLISECONDS);
			assertThat(ran.await(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		});
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTaskScheduledFromTheLoopItselfRunsOnAnIdleHub(HubMode mode) throws Exception {
		withIdleConnection(mode, (group, loop) -> {
			CountDownLatch ran = new CountDownLatch(1);
			CompletableFuture<Boolean> inLoop = new CompletableFuture<>();
			loop.execute(() -> {
				inLoop.complete(loop.inEventLoop());
				loop.schedule(ran::countDown, DELAY_MILLIS, TimeUnit.MILLISECONDS);
			});
			assertThat(inLoop.get(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(ran.await(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		});
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTaskScheduledRepeatedlyFromTheLoopRunsEachTimeOnAnIdleHub(HubMode mode) throws Exception {
		withIdleConnection(mode, (group, loop) -> {
			// each run schedules the next one from the loop, after the loop has armed its
			// timer for this one
			CountDownLatch ran = new CountDownLatch(5);
			Runnable[] next = new Runnable[1];
			next[0] = () -> {
				ran.countDown();
				if (ran.getCount() > 0) {
					loop.schedule(next[0], 20, TimeUnit.MILLISECONDS);
				}
			};
			loop.execute(() -> loop.schedule(next[0], 20, TimeUnit.MILLISECONDS));
			assertThat(ran.await(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		});
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTaskScheduledFromAGreenThreadOfTheHubRunsAfterEveryGreenThreadHasParked(HubMode mode) throws Exception {
		withIdleConnection(mode, (group, loop) -> {
			GreenHub hub = group.hubs().stream().filter((each) -> each.eventLoop() == loop).findFirst().orElseThrow();
			GreenEvent<String> fired = new GreenEvent<>();
			GreenThread<String> waiter = hub.spawn(() -> {
				loop.schedule(() -> fired.send("fired"), DELAY_MILLIS, TimeUnit.MILLISECONDS);
				// the only green thread of the hub parks: nothing is runnable until the
				// task fires
				return fired.await();
			});
			assertThat(waiter.join(TestHubs.WAIT)).isEqualTo("fired");
		});
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTaskScheduledFromTheLoopWhileGreenThreadsAreRunnableRuns(HubMode mode) throws Exception {
		withIdleConnection(mode, (group, loop) -> {
			GreenHub hub = group.hubs().stream().filter((each) -> each.eventLoop() == loop).findFirst().orElseThrow();
			CountDownLatch ran = new CountDownLatch(1);
			CountDownLatch yielders = new CountDownLatch(4);
			loop.execute(() -> {
				for (int i = 0; i < 4; i++) {
					hub.spawn(() -> {
						for (int turn = 0; turn < 100; turn++) {
							Green.sleep(Duration.ZERO);
						}
						yielders.countDown();
					});
				}
				loop.schedule(ran::countDown, DELAY_MILLIS, TimeUnit.MILLISECONDS);
			});
			assertThat(yielders.await(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(ran.await(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		});
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void tasksScheduledOneAfterAnotherFromAnotherThreadEachRunOnAnIdleHub(HubMode mode) throws Exception {
		withIdleConnection(mode, (group, loop) -> {
			// short delays (under epoll's timer threshold and above it), each scheduled
			// while the loop waits
			// for I/O with the timer of the one before, and a cancelled one that must not
			// hide the next
			for (int i = 0; i < 60; i++) {
				CountDownLatch ran = new CountDownLatch(1);
				long delayMicros = (i % 3 == 0) ? 100 : (i % 3 == 1) ? 1_500 : 5_000;
				ScheduledFuture<?> later = loop.schedule(() -> {
				}, 1, TimeUnit.SECONDS);
				loop.schedule(ran::countDown, delayMicros, TimeUnit.MICROSECONDS);
				later.cancel(false);
				assertThat(ran.await(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("task %d", i).isTrue();
			}
		});
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aTaskScheduledOnTheOnlyHubWithoutWorkStealingRuns(HubMode mode) throws Exception {
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("one-" + mode.name().toLowerCase())
			.hubs(1)
			.mode(mode)
			.workStealing(false)
			.shutdownGracePeriod(Duration.ofSeconds(1))
			.build()) {
			EventLoop loop = (EventLoop) group.hubs().get(0).eventLoop();
			CountDownLatch fromOutside = new CountDownLatch(1);
			loop.schedule(fromOutside::countDown, DELAY_MILLIS, TimeUnit.MILLISECONDS);
			assertThat(fromOutside.await(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			GreenThread<String> waiter = group.hubs().get(0).spawn(() -> {
				GreenEvent<String> fired = new GreenEvent<>();
				loop.schedule(() -> fired.send("fired"), DELAY_MILLIS, TimeUnit.MILLISECONDS);
				return fired.await();
			});
			assertThat(waiter.join(TestHubs.WAIT)).isEqualTo("fired");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aReadTimeoutClosesAnIdleConnection(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			DisposableServer server = TcpServer.create()
				.host("127.0.0.1")
				.port(0)
				.runOn(group)
				.doOnConnection(
						(connection) -> connection.addHandlerFirst(new ReadTimeoutHandler(200, TimeUnit.MILLISECONDS)))
				.handle((in, out) -> in.receive().then())
				.bindNow(TestHubs.WAIT);
			try {
				Connection client = TcpClient.create().host("127.0.0.1").port(server.port()).connectNow(TestHubs.WAIT);
				try {
					// the client sends nothing: only the server's read timeout can end
					// the connection
					client.onDispose().block(TestHubs.WAIT);
					assertThat(client.isDisposed()).isTrue();
				}
				finally {
					client.disposeNow(TestHubs.WAIT);
				}
			}
			finally {
				server.disposeNow(TestHubs.WAIT);
			}
		}
	}

	interface IdleHubCheck {

		void check(GreenHubGroup group, EventLoop loop) throws Exception;

	}

	/**
	 * Opens a connection to a server on a fresh group, then runs the check with the event
	 * loop of the server's side of it; nothing else happens on the hub meanwhile.
	 */
	private static void withIdleConnection(HubMode mode, IdleHubCheck check) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<EventLoop> serverLoop = new CompletableFuture<>();
			DisposableServer server = TcpServer.create()
				.host("127.0.0.1")
				.port(0)
				.runOn(group)
				.doOnConnection((connection) -> serverLoop.complete(connection.channel().eventLoop()))
				.handle((in, out) -> in.receive().then())
				.bindNow(TestHubs.WAIT);
			try {
				Connection client = TcpClient.create().host("127.0.0.1").port(server.port()).connectNow(TestHubs.WAIT);
				try {
					EventLoop loop = serverLoop.get(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS);
					check.check(group, loop);
					client.outbound().sendString(Mono.just("bye")).then().block(TestHubs.WAIT);
				}
				finally {
					client.disposeNow(TestHubs.WAIT);
				}
			}
			finally {
				server.disposeNow(TestHubs.WAIT);
			}
		}
	}

}
