package io.greenhub.spring.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code green} endpoint names each green thread's owner, so that a dump reads as a
 * tree.
 */
class GreenEndpointOwnerTests {

	@Test
	void eachGreenThreadNamesItsOwnerOrNone() throws Exception {
		try (GreenHubGroup group = GreenHubGroup.builder()
			.name("owners")
			.hubs(1)
			.shutdownGracePeriod(Duration.ZERO)
			.build()) {
			CompletableFuture<GreenThread<Object>> spawned = new CompletableFuture<>();
			GreenThread<Object> parent = group.spawn(() -> {
				spawned.complete(Green.spawn(() -> Green.blockOn(new CompletableFuture<>())));
				return Green.blockOn(new CompletableFuture<>());
			});
			GreenThread<Object> child = spawned.get(10, TimeUnit.SECONDS);
			List<GreenEndpoint.ThreadDescriptor> threads = new GreenEndpoint(group, null).threads("threads", null, null)
				.greenThreads();
			assertThat(threads).filteredOn((thread) -> thread.name().equals(child.name()))
				.singleElement()
				.satisfies((thread) -> assertThat(thread.owner()).isEqualTo(parent.name()));
			assertThat(threads).filteredOn((thread) -> thread.name().equals(parent.name()))
				.singleElement()
				.satisfies((thread) -> assertThat(thread.owner()).isNull());
		}
	}

}
