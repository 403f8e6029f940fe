package io.greenhub;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.greenhub.primitives.GreenPile;
import io.greenhub.primitives.GreenPool;
import io.greenhub.primitives.GreenQueue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The children a green thread spawns without a scope: killed with it, left running when
 * it returns, never when spawned detached.
 */
class GreenChildrenTests {

	private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aDetachedSpawnSurvivesItsSpawnerWhoseOtherChildrenAreKilled(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> release = new CompletableFuture<>();
			CompletableFuture<GreenThread<String>> detached = new CompletableFuture<>();
			CompletableFuture<GreenThread<String>> child = new CompletableFuture<>();
			GreenThread<Object> spawner = group.spawn(() -> {
				detached.complete(Green.spawnDetached(() -> Green.blockOn(release)));
				child.complete(Green.spawn(() -> Green.blockOn(release)));
				return Green.blockOn(new CompletableFuture<>());
			});
			GreenThread<String> background = detached.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			GreenThread<String> owned = child.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(owned.info().owner()).isEqualTo(spawner.name());
			assertThat(background.info().owner()).isNull();
			spawner.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> spawner.join(TestHubs.WAIT));
			assertThat(owned.isKilled()).isTrue();
			assertThat(background.isDone()).isFalse();
			release.complete("still here");
			assertThat(background.join(TestHubs.WAIT)).isEqualTo("still here");
			assertThat(GreenRequestScopeTests.childrenKilled(group)).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aSpawnerThatReturnsLeavesItsChildrenRunningAndOneThatFailsKillsThem(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<String> release = new CompletableFuture<>();
			GreenThread<GreenThread<String>> returning = group.spawn(() -> Green.spawn(() -> Green.blockOn(release)));
			GreenThread<String> handedOff = returning.join(TestHubs.WAIT);
			CompletableFuture<GreenThread<String>> abandoned = new CompletableFuture<>();
			GreenThread<Object> failing = group.spawn(() -> {
				GreenPile<String> pile = new GreenPile<>();
				abandoned.complete(pile.spawn(() -> Green.blockOn(release)));
				throw new IllegalStateException("handler failed");
			});
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> failing.join(TestHubs.WAIT));
			assertThat(abandoned.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS).isKilled()).isTrue();
			assertThat(handedOff.isDone()).isFalse();
			release.complete("handed off");
			assertThat(handedOff.join(TestHubs.WAIT)).isEqualTo("handed off");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void killChildrenKillsWhatTheCallerStartedWaitsForItAndLaterSpawnsAreChildrenAgain(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CountDownLatch unwound = new CountDownLatch(2);
			GreenQueue<String> started = GreenQueue.unbounded("started");
			GreenThread<GreenThread<String>> caller = group.spawn(() -> {
				for (int i = 0; i < 2; i++) {
					Green.spawn(() -> {
						try {
							started.put("started");
							return Green.blockOn(new CompletableFuture<String>());
						}
						finally {
							unwound.countDown();
						}
					});
				}
				started.take();
				started.take();
				int killed = Green.killChildren(new IllegalStateException("the handler failed"));
				// both unwound before killChildren returned
				assertThat(killed).isEqualTo(2);
				assertThat(unwound.getCount()).isZero();
				assertThat(Green.killChildren(new IllegalStateException("again"))).isZero();
				return Green.spawn(() -> Green.blockOn(new CompletableFuture<String>()));
			});
			GreenThread<String> later = caller.join(TestHubs.WAIT);
			assertThat(later.info().owner()).isEqualTo(caller.name());
			assertThat(GreenRequestScopeTests.childrenKilled(group)).isEqualTo(2);
			assertThat(Green.killChildren(new IllegalStateException("off any green thread"))).isZero();
			later.kill();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aSharedPoolsThreadsBelongToTheirSpawnerNotToTheThreadThatMadeThePool(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CompletableFuture<GreenPool> made = new CompletableFuture<>();
			GreenThread<Object> maker = group.spawn(() -> {
				made.complete(GreenPool.shared("shared", 4));
				return Green.blockOn(new CompletableFuture<>());
			});
			GreenPool pool = made.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			CompletableFuture<String> release = new CompletableFuture<>();
			GreenThread<GreenThread<String>> user = group.spawn(() -> {
				GreenThread<String> worker = pool.spawn(() -> Green.blockOn(release));
				return worker;
			});
			GreenThread<String> worker = user.join(TestHubs.WAIT);
			maker.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> maker.join(TestHubs.WAIT));
			assertThat(worker.isDone()).isFalse();
			assertThat(worker.info().owner()).isEqualTo(user.name());
			release.complete("served");
			assertThat(worker.join(TestHubs.WAIT)).isEqualTo("served");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aChildInheritsTheContextOfTheGreenThreadThatSpawnedIt(HubMode mode) throws Exception {
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("context-" + mode.name().toLowerCase())
			.hubs(2)
			.mode(mode)
			.childContext(new TenantContext())
			.build()) {
			CountDownLatch done = new CountDownLatch(1);
			GreenThread<String> parent = group.spawn(() -> {
				TENANT.set("acme");
				try (GreenScope scope = GreenScope.open()) {
					GreenThread<String> child = scope.fork(() -> TENANT.get() + "/" + Green.spawn(TENANT::get).join());
					scope.join();
					return child.join();
				}
				finally {
					TENANT.remove();
					done.countDown();
				}
			});
			assertThat(parent.join(TestHubs.WAIT)).isEqualTo("acme/acme");
			assertThat(group.spawn(TENANT::get).join(TestHubs.WAIT)).isNull();
			await().atMost(TestHubs.WAIT).until(() -> group.alive() == 0);
		}
	}

	private static final class TenantContext implements GreenChildContext {

		@Override
		public <T extends @Nullable Object> Callable<T> inherit(Callable<T> child) {
			String tenant = TENANT.get();
			return () -> {
				TENANT.set(tenant);
				try {
					return child.call();
				}
				finally {
					TENANT.remove();
				}
			};
		}

	}

}
