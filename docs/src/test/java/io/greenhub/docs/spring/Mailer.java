package io.greenhub.docs.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for a mail service: it keeps what it is asked to send. Called on the workers' green
 * threads.
 */
class Mailer {

	final List<String> sent = new CopyOnWriteArrayList<>();

	void send(String email) {
		this.sent.add(email);
	}

}
