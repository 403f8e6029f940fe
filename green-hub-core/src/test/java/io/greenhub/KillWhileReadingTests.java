package io.greenhub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A kill stops a green thread that reads an endless HTTP body from a real Reactor Netty
 * server, however it reads it: through {@link Green#toIterable} while data keeps
 * arriving, or through an InputStream that ignores interrupts (as Spring's
 * {@code RestClient} body does) registered with {@link Green#closeOnKill}.
 */
class KillWhileReadingTests {

	private static final byte[] CHUNK = new byte[8192];

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aKillStopsAThreadIteratingAnEndlessBodyWhileDataKeepsArriving(HubMode mode) throws Exception {
		DisposableServer server = endlessServer();
		try (GreenHubGroup group = TestHubs.open(mode)) {
			HttpClient client = HttpClient.create().runOn(group).host("127.0.0.1").port(server.port());
			CompletableFuture<Void> reading = new CompletableFuture<>();
			AtomicLong bytes = new AtomicLong();
			GreenThread<Long> reader = group.spawn(() -> {
				for (byte[] chunk : Green.toIterable(client.get().uri("/endless").responseContent().asByteArray())) {
					bytes.addAndGet(chunk.length);
					reading.complete(null);
					// slower than the server, so that items are always there and the
					// reader never parks
					computeWithoutParking(2_000_000);
				}
				return bytes.get();
			});
			reading.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(reader.kill()).isTrue();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> reader.join(TestHubs.WAIT));
		}
		finally {
			server.disposeNow();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aKillClosesAnInputStreamThatIgnoresInterruptsSoItsDrainEnds(HubMode mode) throws Exception {
		DisposableServer server = endlessServer();
		try (GreenHubGroup group = TestHubs.open(mode)) {
			HttpClient client = HttpClient.create().runOn(group).host("127.0.0.1").port(server.port());
			CompletableFuture<Void> reading = new CompletableFuture<>();
			GreenThread<Long> reader = group.spawn(() -> {
				InputStream body = new InterruptIgnoringInputStream(
						client.get().uri("/endless").responseContent().asByteArray(), reading);
				try (body; KillRegistration onKill = Green.closeOnKill(body)) {
					// what StreamUtils.drain does when Spring's ReactorClientHttpResponse
					// closes
					return body.transferTo(OutputStream.nullOutputStream());
				}
			});
			reading.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(reader.kill()).isTrue();
			assertThatExceptionOfType(GreenKilledException.class).isThrownBy(() -> reader.join(TestHubs.WAIT));
		}
		finally {
			server.disposeNow();
		}
	}

	private static DisposableServer endlessServer() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/endless",
					(request, response) -> response.sendByteArray(Flux.generate((sink) -> sink.next(CHUNK)))))
			.bindNow();
	}

	private static void computeWithoutParking(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}

	/**
	 * An InputStream over a publisher of chunks that waits as Spring's
	 * {@code SubscriberInputStream} does: with {@code LockSupport.park} in a loop that
	 * never looks at the interrupt status, so an interrupt neither stops a read nor makes
	 * it throw. Closing it from another thread ends the read: the read then throws, as a
	 * socket's stream closed under its reader does.
	 */
	private static final class InterruptIgnoringInputStream extends InputStream implements Subscriber<byte[]> {

		private final ArrayBlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);

		private final CompletableFuture<Void> reading;

		private volatile Subscription subscription;

		private volatile Thread reader;

		private volatile boolean closed;

		private volatile boolean done;

		private byte[] current = new byte[0];

		private int position;

		InterruptIgnoringInputStream(Flux<byte[]> body, CompletableFuture<Void> reading) {
			this.reading = reading;
			body.subscribe(this);
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscription = subscription;
			subscription.request(16);
		}

		@Override
		public void onNext(byte[] chunk) {
			this.chunks.offer(chunk);
			LockSupport.unpark(this.reader);
		}

		@Override
		public void onError(Throwable error) {
			onComplete();
		}

		@Override
		public void onComplete() {
			this.done = true;
			LockSupport.unpark(this.reader);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			this.reader = Thread.currentThread();
			while (this.position == this.current.length) {
				byte[] next = this.chunks.poll();
				if (this.closed) {
					throw new IOException("Stream closed while it was read");
				}
				if (next != null) {
					this.current = next;
					this.position = 0;
					this.subscription.request(1);
					this.reading.complete(null);
				}
				else if (this.done) {
					return -1;
				}
				else {
					LockSupport.park(this);
				}
			}
			int count = Math.min(length, this.current.length - this.position);
			System.arraycopy(this.current, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		@Override
		public void close() {
			this.closed = true;
			Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.cancel();
			}
			LockSupport.unpark(this.reader);
		}

	}

}
