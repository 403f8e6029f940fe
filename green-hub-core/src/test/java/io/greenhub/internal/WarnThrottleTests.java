package io.greenhub.internal;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WARN limit: once every ten seconds per place, a new place at once, a bounded memory
 * of places.
 */
class WarnThrottleTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void aPlaceIsWarnedOfAgainOnlyAfterTenSecondsWhileAnotherPlaceIsWarnedOfAtOnce() {
		WarnThrottle throttle = new WarnThrottle();
		assertThat(throttle.tryWarn("a", 1)).isTrue();
		assertThat(throttle.tryWarn("a", 1 + 9 * SECOND)).isFalse();
		assertThat(throttle.tryWarn("b", 1 + 9 * SECOND)).isTrue();
		assertThat(throttle.tryWarn("a", 1 + 10 * SECOND)).isTrue();
	}

	@Test
	void beyondItsMostPlacesItHoldsNewPlacesBackUntilOldOnesExpire() {
		WarnThrottle throttle = new WarnThrottle();
		for (int i = 0; i < WarnThrottle.MAX_PLACES; i++) {
			assertThat(throttle.tryWarn("place-" + i, 1)).isTrue();
		}
		assertThat(throttle.tryWarn("one-more", 1 + SECOND)).isFalse();
		assertThat(throttle.tryWarn("one-more", 1 + 10 * SECOND)).isTrue();
	}

	@Test
	void thePlaceIsTheOutermostApplicationFrameOrElseTheInnermostFrameOutsideTheJdk() {
		StackTraceElement spin = new StackTraceElement("java.lang.System", "nanoTime", null, -1);
		StackTraceElement helper = new StackTraceElement("io.greenhub.Helper", "compute", null, 3);
		StackTraceElement handler = new StackTraceElement("com.example.OrderController", "order", null, 12);
		StackTraceElement spring = new StackTraceElement("org.springframework.web.Invoker", "invoke", null, 40);
		StackTraceElement green = new StackTraceElement("io.greenhub.internal.DefaultGreenThread", "run", null, 80);
		StackTraceElement carrier = new StackTraceElement("java.lang.VirtualThread", "run", null, 300);
		assertThat(WarnThrottle.place(new StackTraceElement[] { spin, helper, handler, spring, green, carrier }))
			.isEqualTo("com.example.OrderController.order");
		assertThat(WarnThrottle.place(new StackTraceElement[] { spin, helper, green, carrier }))
			.isEqualTo("io.greenhub.Helper.compute");
		assertThat(WarnThrottle.place(new StackTraceElement[] { spin, carrier }))
			.isEqualTo("java.lang.System.nanoTime");
		assertThat(WarnThrottle.place(new StackTraceElement[0])).isEqualTo("unknown");
	}

}
