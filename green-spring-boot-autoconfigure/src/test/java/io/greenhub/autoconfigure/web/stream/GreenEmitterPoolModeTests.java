package io.greenhub.autoconfigure.web.stream;

import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of {@link GreenEmitterTests} again, with the hubs in pool mode.
 */
@TestPropertySource(properties = "green.hub.mode=pool")
class GreenEmitterPoolModeTests extends GreenEmitterTests {

	@Autowired
	private GreenHubGroup hubs;

	@Test
	void theHubsRunInPoolMode() {
		assertThat(this.hubs.mode()).isEqualTo(HubMode.POOL);
	}

}
