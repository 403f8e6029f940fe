package io.greenhub.redis;

import java.io.Serial;

/**
 * Thrown by the release of a permit whose lease had expired: another holder may have had
 * the permit meanwhile, so the work done under it was not protected. The permit is given
 * up all the same. Thrown too by the first {@link RedisLease#token()} of a lease that had
 * expired before its token was drawn.
 */
public class LeaseExpiredException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with the given message.
	 * @param message the detail message, naming the semaphore and the token
	 */
	public LeaseExpiredException(String message) {
		super(message);
	}

}
