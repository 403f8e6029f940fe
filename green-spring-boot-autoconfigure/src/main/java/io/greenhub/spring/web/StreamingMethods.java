package io.greenhub.spring.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

/**
 * The start-up check of controller methods that take a {@link GreenEmitter}: one emitter
 * at most, on a method that returns {@code void}, whose emitter names its element type.
 */
final class StreamingMethods {

	private StreamingMethods() {
	}

	/**
	 * Returns whether the method takes an emitter; throws, naming the method, if it does
	 * wrongly.
	 */
	static boolean check(HandlerMethod method) {
		int emitters = 0;
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.getParameterType() == GreenEmitter.class) {
				emitters++;
				if (parameter.getGenericParameterType() == GreenEmitter.class) {
					throw new IllegalStateException(method + " takes a raw GreenEmitter: give its element type, "
							+ "as GreenEmitter<ServerSentEvent<String>>");
				}
			}
		}
		if (emitters > 1) {
			throw new IllegalStateException(method + " takes " + emitters + " GreenEmitters: a response has one body");
		}
		if (emitters == 1 && method.getReturnType().getParameterType() != void.class) {
			throw new IllegalStateException(method + " takes a GreenEmitter and returns "
					+ method.getReturnType().getParameterType().getSimpleName()
					+ ": a streaming method returns void, and its stream ends when it returns");
		}
		return emitters == 1;
	}

}
