package dev.tracekit.export;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The sender an exporter loads: the configured one alone, whatever else the class path holds, or a
 * startup error naming the property and the module to add.
 */
class OtlpSenderLoaderTests {

	// The SPI's interface moved between the supported SDK lines.
	private static Class<?> httpSenderProvider() throws ClassNotFoundException {
		try {
			return Class.forName("io.opentelemetry.sdk.common.export.HttpSenderProvider");
		}
		catch (ClassNotFoundException ex) {
			return Class.forName("io.opentelemetry.exporter.internal.http.HttpSenderProvider");
		}
	}

	@Test
	void eachExporterGetsOnlyItsOwnSenderThoughSeveralAreOnTheClassPath() throws Exception {
		Class<?> spi = httpSenderProvider();
		ClassLoader classLoader = getClass().getClassLoader();
		List<String> onClassPath = new ArrayList<>();
		java.util.ServiceLoader.load(spi, classLoader).forEach((provider) -> onClassPath.add(provider.getClass().getName()));
		assertThat(onClassPath).contains(OtlpSender.JDK.providerClassName(OtlpProtocol.HTTP_PROTOBUF),
				OtlpSender.OKHTTP.providerClassName(OtlpProtocol.HTTP_PROTOBUF));
		for (OtlpSender sender : List.of(OtlpSender.JDK, OtlpSender.OKHTTP)) {
			List<Object> loaded = new ArrayList<>();
			new OtlpSenderLoader("vendor", sender, OtlpProtocol.HTTP_PROTOBUF, classLoader).load(spi).forEach(loaded::add);
			assertThat(loaded).singleElement()
				.satisfies((provider) -> assertThat(provider.toString())
					.startsWith(sender.providerClassName(OtlpProtocol.HTTP_PROTOBUF)));
		}
	}

	@Test
	void aSenderMissingFromTheClassPathFailsNamingThePropertyAndTheModule() throws Exception {
		Class<?> spi = httpSenderProvider();
		try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
			OtlpSenderLoader loader = new OtlpSenderLoader("vendor", OtlpSender.JDK, OtlpProtocol.HTTP_PROTOBUF, empty);
			assertThatIllegalStateException().isThrownBy(() -> loader.load(spi))
				.withMessage("tracekit.exporters.vendor.sender=jdk: the sender is not on the class path; add"
						+ " io.opentelemetry:opentelemetry-exporter-sender-jdk (at the OpenTelemetry version of the"
						+ " other io.opentelemetry modules) or choose another sender");
			assertThat(OtlpSender.JDK.isPresent(OtlpProtocol.HTTP_PROTOBUF, empty)).isFalse();
		}
	}

}
