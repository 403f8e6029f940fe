package io.greenhub;

import io.greenhub.internal.VirtualThreadSchedulers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Runs in a JVM started without {@code --add-opens java.base/java.lang=ALL-UNNAMED} (a
 * surefire execution of its own): loop mode is impossible there.
 */
class HubModeFallbackTests {

	@Test
	void theJvmRunningThisTestDoesNotOpenJavaLang() {
		assertThat(VirtualThreadSchedulers.refusal()).isNotNull();
	}

	@Test
	void autoFallsBackToPoolModeAndGreenThreadsStillWork() {
		try (GreenHubGroup group = TestHubs.open(HubMode.AUTO)) {
			assertThat(group.mode()).isEqualTo(HubMode.POOL);
			assertThat(group.hubs()).allSatisfy((hub) -> assertThat(hub.mode()).isEqualTo(HubMode.POOL));
			assertThat(group.spawn(() -> Green.isGreen() && Thread.currentThread().isVirtual()).join(TestHubs.WAIT))
				.isTrue();
		}
	}

	@Test
	void askingForLoopModeFailsAtStartSayingHowToEnableIt() {
		assertThatIllegalStateException().isThrownBy(() -> TestHubs.open(HubMode.LOOP))
			.withMessageContaining("Hub mode 'loop' needs the JVM option --add-opens java.base/java.lang=ALL-UNNAMED");
	}

}
