package io.greenhub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GreenHubGroupTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aConnectionsGreenThreadRunsOnTheHubOfTheLoopThatAcceptedIt(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			DisposableServer server = TcpServer.create().host("127.0.0.1").port(0).runOn(group).handle((in, out) -> {
				EventLoop accepting = channelLoop(in);
				return in.receive().asString().next().flatMap((request) -> Green.deferToGreenThread(() -> {
					GreenHub hub = Green.currentHub();
					Green.sleep(Duration.ofMillis(1));
					return request + " " + (hub.eventLoop() == accepting) + " " + hub.name();
				})).flatMap((reply) -> out.sendString(Mono.just(reply)).then());
			}).bindNow(TestHubs.WAIT);
			try {
				for (int i = 0; i < 4; i++) {
					Connection client = TcpClient.create()
						.host("127.0.0.1")
						.port(server.port())
						.connectNow(TestHubs.WAIT);
					try {
						// subscribe to the reply before sending: the server closes right
						// after replying, and
						// a reply that arrives with the close before anyone subscribes
						// can be lost with the connection
						CompletableFuture<String> replied = client.inbound()
							.receive()
							.asString(StandardCharsets.UTF_8)
							.next()
							.toFuture();
						client.outbound().sendString(Mono.just("ping" + i)).then().block(TestHubs.WAIT);
						String reply = replied.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
						assertThat(reply).startsWith("ping" + i + " true " + group.name() + "-");
					}
					finally {
						client.disposeNow(TestHubs.WAIT);
					}
				}
			}
			finally {
				server.disposeNow(TestHubs.WAIT);
			}
		}
	}

	private static EventLoop channelLoop(reactor.netty.NettyInbound in) {
		EventLoop[] loop = new EventLoop[1];
		in.withConnection((connection) -> loop[0] = connection.channel().eventLoop());
		return loop[0];
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void closeWaitsForRunningThreadsThenKillsThoseLeftAndSaysHowMany(HubMode mode) throws Exception {
		GreenHubGroup group = TestHubs.open(mode);
		GreenThread<String> quick = group.spawn(() -> {
			Green.sleep(Duration.ofMillis(20));
			return "finished in the grace period";
		});
		CompletableFuture<String> unwound = new CompletableFuture<>();
		GreenThread<Object> stuck = group.spawn(() -> {
			try {
				return Green.blockOn(Mono.never());
			}
			finally {
				unwound.complete("finally ran");
			}
		});
		assertThat(group.alive()).isEqualTo(2);
		assertThat(group.close(Duration.ofMillis(200))).isEqualTo(1);
		assertThat(quick.join()).isEqualTo("finished in the grace period");
		assertThatExceptionOfType(GreenKilledException.class).isThrownBy(stuck::join);
		assertThat(unwound.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("finally ran");
		assertThat(group.alive()).isZero();
		assertThat(group.isClosed()).isTrue();
		assertThat(group.close(Duration.ZERO)).isZero();
		assertThat(group.hubs()).allSatisfy((hub) -> assertThat(hub.eventLoop().isTerminated()).isTrue());
		assertThatExceptionOfType(java.util.concurrent.RejectedExecutionException.class)
			.isThrownBy(() -> group.spawn(() -> "late"))
			.withMessage("Hub group 'test-" + mode.name().toLowerCase() + "' is closed");
	}

	@Test
	void hubsAreOnePerEventLoopNamedAfterTheGroup() {
		try (GreenHubGroup group = GreenHubGroup.builder().name("orders").hubs(3).mode(HubMode.POOL).build()) {
			assertThat(group.hubs()).extracting(GreenHub::name).containsExactly("orders-0", "orders-1", "orders-2");
			assertThat(group.hubs()).extracting(GreenHub::index).containsExactly(0, 1, 2);
			assertThat(group.hubs()).extracting(GreenHub::eventLoop).doesNotHaveDuplicates();
			assertThat(group.hubs()).allSatisfy((hub) -> assertThat(hub.group()).isSameAs(group));
			assertThat(group.onServer(true))
				.containsExactlyElementsOf(group.hubs().stream().map(GreenHub::eventLoop).toList());
			assertThat(group.next()).isNotSameAs(group.next());
		}
	}

	@Test
	void theFirstOpenGroupIsTheDefaultUntilItCloses() {
		try (GreenHubGroup first = TestHubs.open(HubMode.POOL)) {
			try (GreenHubGroup second = GreenHubGroup.builder().name("second").hubs(1).mode(HubMode.POOL).build()) {
				assertThat(Green.spawn(() -> Green.currentHub().group()).join(TestHubs.WAIT)).isSameAs(first);
				assertThat(second.spawn(() -> Green.spawn(() -> Green.currentHub().group()).join()).join(TestHubs.WAIT))
					.isSameAs(second);
			}
		}
	}

	@Test
	void wrongSettingsAreRefusedNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> GreenHubGroup.builder().hubs(0))
			.withMessage("Hub group 'green' hubs must be positive, was: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> GreenHubGroup.builder().name(" "))
			.withMessage("Hub group name must not be blank, was: ' '");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GreenHubGroup.builder().shutdownGracePeriod(Duration.ofSeconds(-1)))
			.withMessageContaining("PT-1S");
	}

	@Test
	void closingFromAGreenThreadIsRefused() {
		try (GreenHubGroup group = TestHubs.open(HubMode.POOL)) {
			assertThatIllegalStateException()
				.isThrownBy(() -> group.spawn(() -> group.close(Duration.ZERO)).join(TestHubs.WAIT))
				.withMessageContaining("cannot be closed from thread");
		}
	}

}
