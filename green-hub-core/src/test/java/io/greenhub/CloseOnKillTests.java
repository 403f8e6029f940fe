package io.greenhub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CloseOnKillTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aKillClosesWhatIsRegisteredOnceAndNotWhatWasDeregistered(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			AtomicInteger registeredCloses = new AtomicInteger();
			AtomicInteger deregisteredCloses = new AtomicInteger();
			CompletableFuture<Void> registered = new CompletableFuture<>();
			GreenThread<Object> thread = group.spawn(() -> {
				Green.closeOnKill(deregisteredCloses::incrementAndGet).close();
				Green.closeOnKill(registeredCloses::incrementAndGet);
				registered.complete(null);
				return Green.blockOn(new CompletableFuture<>());
			});
			Green.blockOn(registered);
			assertThat(thread.kill()).isTrue();
			assertThat(thread.kill()).isFalse();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> thread.join(TestHubs.WAIT));
			assertThat(registeredCloses).hasValue(1);
			assertThat(deregisteredCloses).hasValue(0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aResourceRegisteredAfterTheKillIsClosedAtOnce(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode)) {
			AtomicInteger closes = new AtomicInteger();
			GreenThread<Integer> thread = group.spawn(() -> {
				try {
					Green.currentThread().kill();
				}
				catch (GreenKilledException ex) {
					// computing on after its own kill, as cleanup code does
				}
				Green.closeOnKill(closes::incrementAndGet);
				return closes.get();
			});
			assertThat(thread.join(TestHubs.WAIT)).as("closed before the registration returned").isEqualTo(1);
		}
	}

	@Test
	void onAThreadThatIsNotGreenItDoesNothing() throws Exception {
		AtomicInteger closes = new AtomicInteger();
		try (KillRegistration registration = Green.closeOnKill(closes::incrementAndGet)) {
			assertThat(closes).hasValue(0);
		}
		assertThat(closes).hasValue(0);
	}

}
