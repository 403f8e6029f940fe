package io.greenhub;

/**
 * A resource registered with {@link Green#closeOnKill(AutoCloseable)}: closing the
 * registration takes the resource off the green thread's list, without closing the
 * resource. Meant for try-with-resources, next to the resource itself.
 */
public interface KillRegistration extends AutoCloseable {

	/**
	 * Takes the resource off the list of what a kill of its green thread closes. Returns
	 * at once; closing twice does nothing.
	 */
	@Override
	void close();

}
