package io.greenhub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.primitives.GreenPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GreenScopeTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aFailureOfOneOfThreeThreadsUnderFailFastKillsTheOtherTwo(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CountDownLatch unwound = new CountDownLatch(2);
			CountDownLatch waiting = new CountDownLatch(2);
			GreenThread<Throwable> owner = group.spawn(() -> {
				try (GreenScope scope = GreenScope.open(GreenScope.Policy.FAIL_FAST)) {
					List<GreenThread<String>> slow = new ArrayList<>();
					for (int i = 0; i < 2; i++) {
						slow.add(scope.fork(() -> {
							try {
								waiting.countDown();
								return Green.blockOn(new CompletableFuture<String>());
							}
							finally {
								unwound.countDown();
							}
						}));
					}
					scope.fork(() -> {
						Green.blockOn(CompletableFuture.runAsync(() -> awaitQuietly(waiting)));
						throw new IllegalArgumentException("downstream said no");
					});
					try {
						scope.join();
						return null;
					}
					catch (GreenScope.FailedException ex) {
						assertThat(slow).allSatisfy((thread) -> assertThat(thread.isKilled()).isTrue());
						return ex;
					}
				}
			});
			Throwable failure = owner.join(TestHubs.WAIT);
			assertThat(failure).isInstanceOf(GreenScope.FailedException.class)
				.cause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("downstream said no");
			assertThat(unwound.await(0, TimeUnit.SECONDS)).isTrue();
			// the failing thread counts each kill just after it reached its target, which
			// may have unwound, and so let the owner's join return, before the count
			await().atMost(TestHubs.WAIT).until(() -> group.alive() == 0);
			await().atMost(TestHubs.WAIT).until(() -> GreenRequestScopeTests.childrenKilled(group) >= 2);
			assertThat(GreenRequestScopeTests.childrenKilled(group)).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void collectLetsEveryThreadFinishAndReportsEveryFailure(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenThread<Throwable> owner = group.spawn(() -> {
				try (GreenScope scope = GreenScope.open(GreenScope.Policy.COLLECT)) {
					scope.fork(() -> {
						throw new IllegalStateException("first");
					});
					GreenThread<String> slow = scope.fork(() -> {
						Green.sleep(Duration.ofMillis(50));
						return "done";
					});
					scope.fork(() -> {
						Green.sleep(Duration.ofMillis(20));
						throw new IllegalStateException("second");
					});
					try {
						scope.join();
						return null;
					}
					catch (GreenScope.FailedException ex) {
						assertThat(slow.poll()).isEqualTo("done");
						return ex;
					}
				}
			});
			Throwable failure = owner.join(TestHubs.WAIT);
			assertThat(failure).cause().hasMessage("first");
			assertThat(failure.getSuppressed()).singleElement()
				.satisfies((other) -> assertThat(other).hasMessage("second"));
			assertThat(GreenRequestScopeTests.childrenKilled(group)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void closingAScopeKillsItsThreadsOrWaitsForThemAsItsExitSays(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			AtomicInteger finished = new AtomicInteger();
			GreenThread<Boolean> killing = group.spawn(() -> {
				GreenThread<Object> forked;
				try (GreenScope scope = GreenScope.open()) {
					forked = scope.fork(() -> Green.blockOn(new CompletableFuture<>()));
				}
				return forked.isKilled();
			});
			assertThat(killing.join(TestHubs.WAIT)).isTrue();
			GreenThread<Integer> joining = group.spawn(() -> {
				try (GreenScope scope = GreenScope.open(GreenScope.Policy.COLLECT, GreenScope.Exit.JOIN)) {
					for (int i = 0; i < 3; i++) {
						scope.fork(() -> {
							Green.sleep(Duration.ofMillis(20));
							return finished.incrementAndGet();
						});
					}
				}
				return finished.get();
			});
			assertThat(joining.join(TestHubs.WAIT)).isEqualTo(3);
			assertThat(GreenRequestScopeTests.childrenKilled(group)).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void killingTheOwnerOfAScopeKillsAPoolOfTenWorkersInIt(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			CountDownLatch started = new CountDownLatch(10);
			CountDownLatch unwound = new CountDownLatch(10);
			GreenThread<Object> owner = group.spawn(() -> {
				try (GreenScope scope = GreenScope.open()) {
					GreenPool workers = new GreenPool("workers", 10);
					for (int i = 0; i < 10; i++) {
						workers.spawnN(() -> {
							try {
								started.countDown();
								Green.blockOn(new CompletableFuture<>());
							}
							finally {
								unwound.countDown();
							}
						});
					}
					scope.fork(() -> {
						workers.waitAll();
						return null;
					});
					scope.join();
					return null;
				}
			});
			assertThat(started.await(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			await().atMost(TestHubs.WAIT).until(() -> group.alive() == 12);
			owner.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> owner.join(TestHubs.WAIT));
			// the owner's outcome is set only once its children have unwound
			assertThat(unwound.getCount()).isZero();
			assertThat(GreenRequestScopeTests.childrenKilled(group)).isEqualTo(11);
			await().atMost(TestHubs.WAIT).until(() -> group.alive() == 0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void onlyTheOwnerMayJoinOrCloseAScopeAndAClosedScopeForksNothing(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenScope scope = GreenScope.open();
			assertThatIllegalStateException().isThrownBy(() -> group.spawn(() -> {
				scope.join();
				return null;
			}).join(TestHubs.WAIT)).withMessageContaining("Only the owner of a green scope");
			scope.close();
			assertThatIllegalStateException().isThrownBy(() -> scope.fork(() -> "late"))
				.withMessageContaining("is closed");
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
