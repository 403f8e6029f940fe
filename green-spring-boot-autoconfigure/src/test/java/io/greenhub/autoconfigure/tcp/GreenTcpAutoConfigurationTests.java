package io.greenhub.autoconfigure.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.greenhub.Green;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.GreenTcpHandler;
import io.greenhub.spring.tcp.GreenTcpServers;
import io.greenhub.tcp.GreenConnectionHandler;
import io.greenhub.tcp.GreenTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GreenTcpAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("green.hub.hubs=2")
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class, GreenTcpAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "loop", "pool" })
	void aGreenHandlerConnectionHandlerServesItsConfiguredServerWhileTheContextRuns(String mode) throws Exception {
		int[] port = new int[1];
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("green.hub.mode=" + mode, "green.tcp.servers.echo.port=0",
					"green.tcp.servers.echo.host=127.0.0.1")
			.run((context) -> {
				port[0] = context.getEnvironment()
					.getRequiredProperty("local.green.tcp.servers.echo.port", Integer.class);
				assertThat(port[0]).isPositive();
				try (Socket socket = new Socket("127.0.0.1", port[0])) {
					OutputStream out = socket.getOutputStream();
					out.write("ping".getBytes(StandardCharsets.US_ASCII));
					out.flush();
					InputStream in = socket.getInputStream();
					assertThat(new String(in.readNBytes(11), StandardCharsets.US_ASCII)).isEqualTo("green: ping");
				}
			});
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port[0]).close());
	}

	@Test
	void aServerWithAnSslBundleServesTls(@TempDir Path dir) throws Exception {
		Path store = dir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-ext", "SAN=ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
				"-storepass", "secret", "-keypass", "secret")
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).isZero();
		this.runner.withUserConfiguration(EchoHandler.class)
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("green.tcp.servers.echo.port=0", "green.tcp.servers.echo.host=127.0.0.1",
					"green.tcp.servers.echo.ssl-bundle=echo-tls",
					"spring.ssl.bundle.jks.echo-tls.keystore.location=file:" + store,
					"spring.ssl.bundle.jks.echo-tls.keystore.password=secret",
					"spring.ssl.bundle.jks.echo-tls.keystore.type=PKCS12",
					"spring.ssl.bundle.jks.echo-tls.truststore.location=file:" + store,
					"spring.ssl.bundle.jks.echo-tls.truststore.password=secret",
					"spring.ssl.bundle.jks.echo-tls.truststore.type=PKCS12")
			.run((context) -> {
				int port = context.getEnvironment()
					.getRequiredProperty("local.green.tcp.servers.echo.port", Integer.class);
				SSLContext client = context.getBean(SslBundles.class).getBundle("echo-tls").createSslContext();
				try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
					socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
					socket.getOutputStream().flush();
					assertThat(new String(socket.getInputStream().readNBytes(11), StandardCharsets.US_ASCII))
						.isEqualTo("green: ping");
				}
			});
	}

	@Test
	void aHandlerForAServerThatIsNotConfiguredFailsStartNamingTheProperty() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
				.rootCause()
				.hasMessageContaining("Property green.tcp.servers.echo.port")
				.hasMessageContaining("which is not configured"));
	}

	@Test
	void aServerWithoutAHandlerOrWithABadPortFailsStartNamingTheProperty() {
		this.runner.withPropertyValues("green.tcp.servers.chat.port=7000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property green.tcp.servers.chat")
				.hasMessageContaining("@GreenTcpHandler(\"chat\")"));
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("green.tcp.servers.echo.port=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("rejected value [70000]")
				.hasMessageContaining("green.tcp.servers.echo.port must be set, from 0 (any free port) to 65535"));
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("green.tcp.servers.echo.host=127.0.0.1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.tcp.servers.echo.port must be set"));
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("green.tcp.servers.echo.port=0", "green.tcp.servers.echo.max-connections=0",
					"green.tcp.servers.echo.idle-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.tcp.servers.echo.max-connections must be positive")
				.hasMessageContaining("green.tcp.servers.echo.idle-timeout must be positive"));
	}

	@Test
	void aGreenTcpHandlerOnTheHandlersClassBindsItToo() {
		this.runner.withBean(UpperCaseHandler.class)
			.withPropertyValues("green.tcp.servers.upper.port=0", "green.tcp.servers.upper.host=127.0.0.1")
			.run((context) -> assertThat(ping(
					context.getEnvironment().getRequiredProperty("local.green.tcp.servers.upper.port", Integer.class),
					4))
				.isEqualTo("PING"));
	}

	@Test
	void twoHandlersOfOneServerFailTheStart() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withBean(SecondEchoHandler.class)
			.withPropertyValues("green.tcp.servers.echo.port=0", "green.tcp.servers.echo.host=127.0.0.1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Two connection handlers serve green TCP server 'echo'"));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theDeprecatedGreenHandlerServerFormStillBindsAHandlerWithOneWarningNamingTheNewForm(CapturedOutput output) {
		this.runner.withUserConfiguration(DeprecatedEchoHandler.class)
			.withPropertyValues("green.tcp.servers.echo.port=0", "green.tcp.servers.echo.host=127.0.0.1")
			.run((context) -> assertThat(ping(
					context.getEnvironment().getRequiredProperty("local.green.tcp.servers.echo.port", Integer.class),
					11))
				.isEqualTo("green: ping"));
		assertThat(output.getAll()
			.lines()
			.filter((line) -> line.contains("WARN") && line.contains(
					"@GreenHandler(server = \"echo\"), which is deprecated: annotate it @GreenTcpHandler(\"echo\") instead")))
			.hasSize(1);
	}

	@Test
	void aGreenTcpHandlerWithoutAServerNameFailsTheStart() {
		this.runner.withBean(NamelessHandler.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("annotated @GreenTcpHandler without the name of a server"));
	}

	/** Sends {@code ping} and reads an answer of the length given, within a bound. */
	private static String ping(int port, int answerLength) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readNBytes(answerLength), StandardCharsets.US_ASCII);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoHandler {

		@Bean
		@GreenTcpHandler("echo")
		GreenConnectionHandler echoHandler() {
			return EchoHandler::echo;
		}

		static void echo(GreenTransport transport) throws IOException {
			byte[] bytes = transport.read(64);
			transport.write(("green: " + new String(bytes, StandardCharsets.US_ASCII) + (Green.isGreen() ? "" : "?"))
				.getBytes(StandardCharsets.US_ASCII));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DeprecatedEchoHandler {

		@Bean
		@GreenHandler(server = "echo")
		@SuppressWarnings("removal")
		GreenConnectionHandler echoHandler() {
			return EchoHandler::echo;
		}

	}

	@GreenTcpHandler("upper")
	static class UpperCaseHandler implements GreenConnectionHandler {

		@Override
		public void handle(GreenTransport transport) throws IOException {
			transport.write(new String(transport.read(64), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)
				.getBytes(StandardCharsets.US_ASCII));
		}

	}

	@GreenTcpHandler("echo")
	static class SecondEchoHandler implements GreenConnectionHandler {

		@Override
		public void handle(GreenTransport transport) throws IOException {
			EchoHandler.echo(transport);
		}

	}

	@GreenTcpHandler(" ")
	static class NamelessHandler implements GreenConnectionHandler {

		@Override
		public void handle(GreenTransport transport) {
		}

	}

}
