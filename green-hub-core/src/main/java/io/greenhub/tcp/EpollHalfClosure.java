package io.greenhub.tcp;

import java.lang.reflect.Field;

import io.netty.channel.Channel;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.EpollSocketChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a half-closed connection of Netty's native epoll transport in its epoll set, so
 * that what a {@link GreenServer} handler writes after its client has shut its output
 * down is not lost.
 *
 * <p>
 * Netty 4.2.18 (and 4.2.19, whose code is the same): once a connection that allows
 * half-closure has read the end of its input, it clears {@code EPOLLIN} and
 * {@code EPOLLRDHUP} from its interest set. For an empty set {@code EpollIoHandler}'s
 * registration does {@code EPOLL_CTL_DEL} (added by Netty pull request 16689, so that
 * {@code EPOLLHUP} and {@code EPOLLERR}, which epoll reports whatever the interest, do
 * not wake the loop at every wait) but keeps believing the socket is in the set. The next
 * interest, {@code EPOLLOUT} when the socket's send buffer fills or {@code EPOLLIN} when
 * Reactor Netty asks to read again, is then an {@code EPOLL_CTL_MOD} of a socket that is
 * not there: it fails with {@code ENOENT}, and Netty closes the connection with its
 * writes unsent.
 *
 * <p>
 * So the registration of each green TCP connection on epoll is wrapped: an empty interest
 * set is submitted as {@code EPOLLET} alone, which keeps the socket in the set waiting
 * for nothing but {@code EPOLLHUP} and {@code EPOLLERR}, reported edge-triggered (once as
 * they arise, not at every wait), so an idle half-closed connection does not spin its
 * loop either. The channel's registration is a private field: wrapping the
 * {@code IoHandler} instead would make every hub loop fail
 * {@code isIoType(EpollIoHandler.class)}, final in the {@code ManualIoEventLoop} of loop
 * mode. If the field cannot be reached (another Netty), a WARN says so once and
 * connections are left as they are.
 *
 * <p>
 * Reactor Netty's HTTP server does not allow half-closure: Netty closes its connections
 * at the end of their input, so they never reach the empty interest set while open.
 */
final class EpollHalfClosure {

	private static final Logger logger = LoggerFactory.getLogger(EpollHalfClosure.class);

	/** The channel's {@code IoRegistration} field, or null if it cannot be reached. */
	private static final @Nullable Field REGISTRATION = registrationField();

	private EpollHalfClosure() {
	}

	/**
	 * Wraps the registration of an epoll socket channel; does nothing to any other
	 * channel. Called on the channel's event loop, once it is registered.
	 * @param channel the channel
	 */
	static void keepRegistered(Channel channel) {
		Field field = REGISTRATION;
		if (field == null || !(channel instanceof EpollSocketChannel)) {
			return;
		}
		try {
			if (field.get(channel) instanceof IoRegistration registration && !(registration instanceof Kept)) {
				field.set(channel, new Kept(registration));
			}
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot wrap the epoll registration of " + channel, ex);
		}
	}

	private static @Nullable Field registrationField() {
		for (Class<?> type = EpollSocketChannel.class; type != null; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (field.getName().equals("registration") && field.getType() == IoRegistration.class) {
					try {
						field.setAccessible(true);
						return field;
					}
					catch (RuntimeException ex) {
						logger.warn("Half-closed green TCP connections on epoll may lose what they write: {}",
								ex.toString());
						return null;
					}
				}
			}
		}
		logger.warn("Half-closed green TCP connections on epoll may lose what they write: "
				+ "this Netty's epoll channels have no 'registration' field");
		return null;
	}

	/**
	 * A registration that never submits an empty interest set. Its methods are called on
	 * the channel's event loop, {@link #cancel()} on any thread, as Netty's own.
	 */
	private record Kept(IoRegistration registration) implements IoRegistration {

		@Override
		public <T> T attachment() {
			return this.registration.attachment();
		}

		@Override
		public long submit(IoOps ops) {
			return this.registration.submit((((EpollIoOps) ops).value() == 0) ? EpollIoOps.EPOLLET : ops);
		}

		@Override
		public boolean isValid() {
			return this.registration.isValid();
		}

		@Override
		public boolean cancel() {
			return this.registration.cancel();
		}

	}

}
