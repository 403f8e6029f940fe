package io.greenhub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Eventlet's rule: it is impossible to block while you are the loop. Loop code may use
 * only the non-blocking subset; a blocking call there fails at once.
 */
class EventLoopRuleTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void everyBlockingCallOnAnEventLoopThrowsAtOnceNamingTheThreadAndTheWayOut(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			GreenThread<Object> running = hub.spawn(() -> Green.blockOn(new CompletableFuture<>()));
			List<Callable<Object>> blockingCalls = List.of(() -> Green.blockOn(Mono.never()),
					() -> Green.blockOn(new CompletableFuture<>()), () -> {
						Green.sleep(Duration.ofMillis(1));
						return null;
					}, running::join, () -> Green.toIterable(Flux.never()).iterator().hasNext());
			for (Callable<Object> call : blockingCalls) {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> hub.eventLoop().submit(call).get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOf(IllegalStateException.class)
					.withMessageContaining("would block the event-loop thread '" + hub.name())
					.withMessageContaining("Green.deferToGreenThread");
			}
			running.kill();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void theNonBlockingSubsetWorksOnAnEventLoop(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenHub hub = group.hubs().get(0);
			CompletableFuture<String> linked = new CompletableFuture<>();
			String result = hub.eventLoop().submit(() -> {
				assertThat(Green.currentHub()).isSameAs(hub);
				assertThat(Green.isGreen()).isFalse();
				GreenThread<String> spawned = Green.spawn(() -> "spawned on " + Green.currentHub().name());
				spawned.linkValue(linked::complete);
				GreenThread<Object> victim = Green.spawn(() -> Green.blockOn(Mono.never()));
				victim.kill();
				return spawned.isDone() + " " + spawned.poll();
			}).get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(result).isIn("false null", "true spawned on " + hub.name());
			assertThat(linked.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("spawned on " + hub.name());
			assertThat(Mono.just("x")
				.flatMap((x) -> Green.deferToGreenThread(() -> x + Green.isGreen()))
				.subscribeOn(reactor.core.scheduler.Schedulers.fromExecutor(hub.eventLoop()))
				.block(TestHubs.WAIT)).isEqualTo("xtrue");
		}
	}

}
