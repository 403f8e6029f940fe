package io.greenhub.autoconfigure.web.stream;

import io.netty.channel.ChannelOption;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application of the streaming tests: the streaming controller, on a server whose
 * sockets have small send buffers, so that what the operating system holds for a slow
 * client is small next to what the tests stream.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(StreamingController.class)
public class StreamingApplication {

	/** The send buffer of each accepted socket, in bytes (the kernel doubles it). */
	static final int SEND_BUFFER = 4096;

	@Bean
	NettyServerCustomizer smallSendBuffers() {
		return (server) -> server.childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER);
	}

}
