package io.greenhub.sample.orders;

import io.greenhub.primitives.GreenEvent;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outcome events in this JVM: every order is taken and processed here, and one that is no
 * longer retained has no reader left. Stateless.
 */
@Component
@Profile("!redis")
class LocalOrderOutcomes implements OrderOutcomes {

	@Override
	public GreenEvent<Order.Outcome> open(String id) {
		return new GreenEvent<>("order-" + id);
	}

	@Override
	public void forget(String id) {
	}

	@Override
	public void sendElsewhere(String id, Order.Outcome outcome) {
		// forgotten: no one can read it any more
	}

}
