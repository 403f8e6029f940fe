package io.greenhub.spring.web.socket;

import io.greenhub.HubMode;

import org.springframework.test.context.TestPropertySource;

/**
 * Every test of {@link GreenWebSocketTests} again, with the hubs in pool mode.
 */
@TestPropertySource(properties = "green.hub.mode=pool")
class GreenWebSocketPoolModeTests extends GreenWebSocketTests {

	@Override
	HubMode expectedMode() {
		return HubMode.POOL;
	}

}
