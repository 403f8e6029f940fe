package io.greenhub.docs.primitives;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScopeSamplesTests {

	@Test
	void aScopeJoinsBothCalls() {
		assertThat(Green.run(() -> ScopeSamples.offer("tea"))).isEqualTo("tea: 30 EUR, 3 in stock");
	}

	@Test
	void aPileReadsTheBestQuote() {
		assertThat(Green.run(() -> ScopeSamples.quotes("tea"))).isEqualTo(7);
	}

	@Test
	void aDetachedThreadOutlivesItsKilledSpawner() throws Exception {
		try (GreenHubGroup group = GreenHubGroup.builder().name("scopes").hubs(1).build()) {
			CompletableFuture<String> disk = new CompletableFuture<>();
			CompletableFuture<GreenThread<String>> audit = new CompletableFuture<>();
			GreenThread<Object> handler = group.spawn(() -> {
				audit.complete(ScopeSamples.audit("login", disk));
				return Green.blockOn(new CompletableFuture<>());
			});
			GreenThread<String> background = audit.get(10, TimeUnit.SECONDS);
			handler.kill();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(handler::join);
			assertThat(background.isDone()).isFalse();
			disk.complete("written");
			assertThat(background.join()).isEqualTo("written login");
		}
	}

}
