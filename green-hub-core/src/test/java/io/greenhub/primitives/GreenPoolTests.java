package io.greenhub.primitives;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeoutException;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GreenPoolTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void spawnParksTheCallerWhileThePoolIsFull(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool("workers", 2);
			CompletableFuture<Void> gate = new CompletableFuture<>();
			AtomicInteger concurrent = new AtomicInteger();
			AtomicInteger highest = new AtomicInteger();
			GreenThread<Integer> spawner = group.spawn(() -> {
				for (int i = 0; i < 6; i++) {
					pool.spawnN(() -> {
						highest.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
						Green.blockOn(gate);
						concurrent.decrementAndGet();
					});
				}
				return pool.running();
			});
			await().atMost(TestHubs.WAIT).until(() -> pool.waiters() == 1);
			assertThat(pool.running()).isEqualTo(2);
			assertThat(pool.free()).isZero();
			gate.complete(null);
			spawner.join(TestHubs.WAIT);
			group.spawn(() -> {
				pool.waitAll();
				return null;
			}).join(TestHubs.WAIT);
			assertThat(highest).hasValue(2);
			assertThat(pool.running()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void imapReturnsResultsInOrderAndAFailureDoesNotPoisonThePool(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool(3);
			// the first call waits for the third to run: results come in the arguments'
			// order all the same
			GreenEvent<String> thirdEnded = new GreenEvent<>();
			List<Object> results = group.spawn(() -> {
				return resultsOrMessages(pool.imap((Integer n) -> {
					if (n == 0) {
						assertThat(thirdEnded.await(TestHubs.WAIT)).contains("ended");
					}
					if (n == 2) {
						thirdEnded.send("ended");
					}
					if (n == 4) {
						throw new IllegalStateException("four");
					}
					return n * n;
				}, IntStream.range(0, 8).boxed().toList()));
			}).join(TestHubs.WAIT);
			assertThat(results).containsExactly(0, 1, 4, 9, "four", 25, 36, 49);
			assertThat(pool.running()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void resizeLetsWaitingSpawnersIn(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool(1);
			CompletableFuture<Void> gate = new CompletableFuture<>();
			group.spawn(() -> {
				pool.spawn(() -> Green.blockOn(gate));
				pool.spawn(() -> Green.blockOn(gate));
				return null;
			});
			await().atMost(TestHubs.WAIT).until(() -> pool.waiters() == 1);
			pool.resize(2);
			await().atMost(TestHubs.WAIT).until(() -> pool.running() == 2 && pool.waiters() == 0);
			gate.complete(null);
			await().atMost(TestHubs.WAIT).until(() -> pool.running() == 0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aPileReturnsResultsInSpawnOrderWhateverOrderTheyFinishIn(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			List<Object> results = group.spawn(() -> {
				GreenPile<String> pile = new GreenPile<>(new GreenPool(2));
				// the first waits for the last to run
				GreenEvent<String> fastEnded = new GreenEvent<>();
				pile.spawn(() -> {
					assertThat(fastEnded.await(TestHubs.WAIT)).contains("ended");
					return "slow";
				});
				pile.spawn(() -> {
					throw new IllegalStateException("failed");
				});
				pile.spawn(() -> {
					fastEnded.send("ended");
					return "fast";
				});
				return resultsOrMessages(pile);
			}).join(TestHubs.WAIT);
			assertThat(results).containsExactly("slow", "failed", "fast");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aPileCountsASpawnWaitingForRoomInASharedPoolSoAConcurrentReaderWaitsForIt(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool shared = new GreenPool("shared", 1);
			CompletableFuture<String> gate = new CompletableFuture<>();
			shared.spawn(() -> Green.blockOn(gate));
			GreenPile<String> pile = new GreenPile<>(shared);
			group.spawn(() -> pile.spawn(() -> "queued"));
			await().atMost(TestHubs.WAIT).until(() -> shared.waiters() == 1);
			GreenThread<List<Object>> reader = group.spawn(() -> resultsOrMessages(pile));
			assertThat(pile.size()).isEqualTo(1);
			gate.complete("held");
			assertThat(reader.join(TestHubs.WAIT)).containsExactly("queued");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aPileSkipsASpawnThatGaveUpWaitingForRoom(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool shared = new GreenPool("shared", 1);
			CompletableFuture<String> gate = new CompletableFuture<>();
			shared.spawn(() -> Green.blockOn(gate));
			GreenPile<String> pile = new GreenPile<>(shared);
			GreenThread<GreenThread<String>> givingUp = group.spawn(() -> pile.spawn(() -> "given up"));
			await().atMost(TestHubs.WAIT).until(() -> shared.waiters() == 1);
			group.spawn(() -> pile.spawn(() -> "second"));
			await().atMost(TestHubs.WAIT).until(() -> shared.waiters() == 2);
			GreenThread<List<Object>> reader = group.spawn(() -> resultsOrMessages(pile));
			assertThat(givingUp.kill()).isTrue();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> givingUp.join(TestHubs.WAIT));
			gate.complete("held");
			assertThat(reader.join(TestHubs.WAIT)).containsExactly("second");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aSpawnIntoTheFullPoolFromOneOfItsOwnThreadsRunsTheFunctionAtOnce(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool("recursive", 1);
			String result = group.spawn(() -> pool.spawn(() -> {
				GreenThread<String> child = pool.spawn(() -> pool.spawn(() -> "grandchild").join() + " in child");
				return child.isDone() + " " + child.join();
			}).join()).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("true grandchild in child");
			await().atMost(TestHubs.WAIT).until(() -> pool.running() == 0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void killingAPoolThreadThatSpawnsIntoItsFullPoolKillsWhatItRuns(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool("recursive", 1);
			CompletableFuture<GreenThread<?>> member = new CompletableFuture<>();
			CompletableFuture<GreenThread<?>> borrower = new CompletableFuture<>();
			pool.spawn(() -> {
				member.complete(Green.currentThread());
				return pool.spawn(() -> {
					borrower.complete(Green.currentThread());
					return Green.blockOn(new CompletableFuture<>());
				});
			});
			GreenThread<?> running = borrower.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(member.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS).kill()).isTrue();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> running.join(TestHubs.WAIT));
			await().atMost(TestHubs.WAIT).until(() -> pool.running() == 0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void waitAllFromOneOfThePoolsOwnThreadsThrowsAtOnce(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool("workers", 2);
			GreenThread<Object> member = group.spawn(() -> pool.spawn(() -> {
				pool.waitAll();
				return "not reached";
			}).join());
			assertThatIllegalStateException().isThrownBy(() -> member.join(TestHubs.WAIT))
				.withMessage(
						"GreenPool.waitAll called on a thread of pool 'workers' itself would wait for itself forever");
		}
	}

	/**
	 * Reads every result, or the message of the exception that stands for it, in order.
	 */
	private static List<Object> resultsOrMessages(Iterable<?> results) {
		List<Object> collected = new ArrayList<>();
		var iterator = results.iterator();
		while (iterator.hasNext()) {
			try {
				collected.add(iterator.next());
			}
			catch (IllegalStateException ex) {
				collected.add(ex.getMessage());
			}
		}
		return collected;
	}

	@Test
	void misuseIsRefusedNamingThePoolAndTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GreenPool("workers", 0))
			.withMessage("Pool 'workers' size must be positive, was: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new GreenPool("workers", 1).resize(-2))
			.withMessage("Pool 'workers' size must be positive, was: -2");
		assertThatExceptionOfType(java.util.NoSuchElementException.class)
			.isThrownBy(() -> new GreenPile<>().iterator().next())
			.withMessage("The pile is empty");
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aReaderThatGivesUpLosesNoResultOfThePile(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			String result = group.spawn(() -> {
				GreenPile<String> pile = new GreenPile<>();
				CompletableFuture<String> gate = new CompletableFuture<>();
				pile.spawn(() -> Green.blockOn(gate));
				var iterator = pile.iterator();
				try {
					Green.withTimeout(Duration.ofMillis(10), iterator::next);
					return "not reached";
				}
				catch (GreenTimeoutException ex) {
					gate.complete("still there");
					return iterator.next();
				}
			}).join(TestHubs.WAIT);
			assertThat(result).isEqualTo("still there");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	@SuppressWarnings("removal")
	void waitersCountsTheWaitingSpawnersAndWaitingIsItsDeprecatedName(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			GreenPool pool = new GreenPool(1);
			CompletableFuture<Void> gate = new CompletableFuture<>();
			group.spawn(() -> {
				pool.spawn(() -> Green.blockOn(gate));
				pool.spawn(() -> Green.blockOn(gate));
				return null;
			});
			await().atMost(TestHubs.WAIT).until(() -> pool.waiters() == 1);
			assertThat(pool.waiting()).isEqualTo(1);
			gate.complete(null);
			await().atMost(TestHubs.WAIT).until(() -> pool.running() == 0 && pool.waiters() == 0);
		}
	}

}
