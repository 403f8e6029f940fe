package io.greenhub.spring.web.socket;

import io.greenhub.HubMode;
import org.junit.jupiter.api.Nested;

import org.springframework.test.context.TestPropertySource;

/**
 * Every test of the green WebSocket tests again ({@link GreenWebSocketSessionTests},
 * {@link GreenWebSocketCloseTests}, {@link GreenWebSocketBackPressureTests}), with the
 * hubs in pool mode. The nested classes share one application context.
 */
class GreenWebSocketPoolModeTests {

	@Nested
	@TestPropertySource(properties = "green.hub.mode=pool")
	class Sessions extends GreenWebSocketSessionTests {

		@Override
		HubMode expectedMode() {
			return HubMode.POOL;
		}

	}

	@Nested
	@TestPropertySource(properties = "green.hub.mode=pool")
	class Closes extends GreenWebSocketCloseTests {

	}

	@Nested
	@TestPropertySource(properties = "green.hub.mode=pool")
	class BackPressure extends GreenWebSocketBackPressureTests {

	}

}
