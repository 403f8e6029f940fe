package io.greenhub.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.zip.CRC32;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;

/**
 * Streams 1 GiB through a green transport from a fast writer to a slow reader and exits 0
 * when the reader's checksum matches the writer's: run in a JVM whose heap (and so
 * Netty's direct memory) is far smaller than the stream, by
 * {@link GreenTransportBackPressureTests}.
 */
public final class BackPressureMain {

	static final long TOTAL = 1L << 30;

	private BackPressureMain() {
	}

	public static void main(String[] args) {
		HubMode mode = HubMode.valueOf(args[0]);
		int chunk = 64 * 1024;
		try (GreenHubGroup group = GreenHubGroup.builder().name("bulk").hubs(2).mode(mode).build()) {
			long[] written = new long[1];
			GreenServer writer = GreenServer.bind(group, new InetSocketAddress("127.0.0.1", 0), (transport) -> {
				CRC32 crc = new CRC32();
				byte[] bytes = new byte[chunk];
				for (long sent = 0; sent < TOTAL; sent += chunk) {
					bytes[(int) ((sent / chunk) % chunk)]++;
					crc.update(bytes);
					transport.write(bytes);
				}
				written[0] = crc.getValue();
			});
			long read = group.spawn(() -> {
				CRC32 crc = new CRC32();
				long total = 0;
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", writer.port())) {
					for (byte[] bytes = transport.read(chunk); bytes.length > 0; bytes = transport.read(chunk)) {
						crc.update(bytes);
						total += bytes.length;
						if (total % (16L << 20) < bytes.length) {
							Green.sleep(Duration.ofMillis(2));
						}
					}
				}
				return (total == TOTAL) ? crc.getValue() : -total;
			}).join(Duration.ofMinutes(2));
			writer.close(Duration.ofSeconds(5));
			long heapUsedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
			System.out
				.println("read crc " + read + ", written crc " + written[0] + ", heap used " + heapUsedMb + " MiB");
			System.exit((read == written[0] && read > 0) ? 0 : 1);
		}
	}

}
