package io.greenhub.spring.context;

import java.util.Map;

import io.greenhub.spring.GreenContextKeys;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Carries the whole MDC of a thread under {@link GreenContextKeys#MDC}. Called by
 * context-propagation on the thread whose MDC it reads or sets.
 */
public final class MdcThreadLocalAccessor implements ThreadLocalAccessor<Map<String, String>> {

	/**
	 * Creates the accessor; {@link GreenContextPropagation} registers one.
	 */
	public MdcThreadLocalAccessor() {
	}

	@Override
	public Object key() {
		return GreenContextKeys.MDC;
	}

	@Override
	public @Nullable Map<String, String> getValue() {
		Map<String, String> mdc = MDC.getCopyOfContextMap();
		return (mdc == null || mdc.isEmpty()) ? null : mdc;
	}

	/**
	 * Adds the carried entries, keeping those already there (such as a tracer's trace and
	 * span ids).
	 */
	@Override
	public void setValue(Map<String, String> value) {
		value.forEach(MDC::put);
	}

	@Override
	public void setValue() {
		// nothing carried: the thread's MDC stays as it is
	}

	@Override
	public void restore(Map<String, String> previousValue) {
		MDC.setContextMap(previousValue);
	}

	@Override
	public void restore() {
		MDC.clear();
	}

}
