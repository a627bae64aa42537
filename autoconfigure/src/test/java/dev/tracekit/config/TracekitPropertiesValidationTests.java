package dev.tracekit.config;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An invalid setting fails startup with Spring Boot's failure report naming the property, the
 * value, where it came from and what is accepted. Nothing invalid is replaced by a default.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracekitPropertiesValidationTests {

	@Test
	void aRatioAboveOneFails(CapturedOutput output) {
		assertFailure(output, "tracekit.sampler.ratio=1.5", "tracekit.sampler.ratio", "1.5",
				"must be between 0 and 1 inclusive");
	}

	@Test
	void anUnknownSamplerFailsAndListsTheAcceptedValues(CapturedOutput output) {
		assertFailure(output, "tracekit.sampler.type=sometimes", "tracekit.sampler.type", "sometimes",
				"is not one of the accepted values: always_on, always_off, traceidratio, parentbased_always_on,"
						+ " parentbased_always_off, parentbased_traceidratio");
	}

	@Test
	void anUnknownPropagatorFails(CapturedOutput output) {
		assertFailure(output, "tracekit.propagators=tracecontext,xray", "tracekit.propagators",
				"tracecontext,xray",
				"is not one of the accepted values: tracecontext, baggage, b3, b3multi, jaeger, ottrace, none");
	}

	@Test
	void anUnknownSenderFailsAndListsTheAcceptedValues(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.vendor.sender=netty", "tracekit.exporters.vendor.sender", "netty",
				"is not one of the accepted values: jdk, grpc-java, okhttp");
	}

	@Test
	void aSenderThatDoesNotSpeakTheProtocolFails(CapturedOutput output) {
		assertFailure(output, new String[] { "tracekit.exporters.vendor.protocol=grpc", "tracekit.exporters.vendor.sender=jdk" },
				"tracekit.exporters.vendor.sender", "jdk", "does not speak grpc; for grpc use okhttp");
	}

	@Test
	void noneMixedWithOtherPropagatorsFails(CapturedOutput output) {
		assertFailure(output, "tracekit.propagators=none,b3", "tracekit.propagators", "none,b3",
				"'none' cannot be combined");
	}

	@Test
	void noneMixedWithOtherExportersFails(CapturedOutput output) {
		assertFailure(output, new String[] { "tracekit.exporters.off.type=none", "tracekit.exporters.out.type=console" },
				"tracekit.exporters.off.type", "none", "'none' cannot be combined");
	}

	@Test
	void aZeroQueueSizeFails(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.otlp.processor.max-queue-size=0",
				"tracekit.exporters.otlp.processor.max-queue-size", "0", "must be a positive whole number");
	}

	@Test
	void aNegativeTimeoutFails(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.otlp.timeout=-5s", "tracekit.exporters.otlp.timeout", "-5s",
				"must not be negative");
	}

	@Test
	void aNonNumericDurationFails(CapturedOutput output) {
		assertFailure(output, "tracekit.lifecycle.flush-timeout=soon", "tracekit.lifecycle.flush-timeout", "soon",
				"is not a duration");
	}

	@Test
	void anEndpointWithoutASchemeFails(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.otlp.endpoint=collector:4317", "tracekit.exporters.otlp.endpoint",
				"collector:4317", "must start with http:// or https://");
	}

	@Test
	void anEndpointWithAQueryFails(CapturedOutput output) {
		assertFailure(output,
				new String[] { "tracekit.exporters.otlp.protocol=http/protobuf",
						"tracekit.exporters.otlp.endpoint=http://collector:4318/v1/traces?x=1" },
				"tracekit.exporters.otlp.endpoint", "http://collector:4318/v1/traces?x=1", "must not have a query");
	}

	@Test
	void aGrpcEndpointWithAPathFails(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.otlp.endpoint=http://collector:4317/v1/traces",
				"tracekit.exporters.otlp.endpoint", "http://collector:4317/v1/traces", "gRPC endpoints take none");
	}

	@Test
	void anUnreadableCertificateFails(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.otlp.trusted-certificate=/does/not/exist.pem",
				"tracekit.exporters.otlp.trusted-certificate", "/does/not/exist.pem", "cannot be read");
	}

	@Test
	void aClientKeyWithoutACertificateFails(CapturedOutput output, @TempDir Path directory) throws Exception {
		Path key = Files.writeString(directory.resolve("client.key"), "not checked here");
		assertFailure(output, "tracekit.exporters.otlp.client-key=" + key, "tracekit.exporters.otlp.client-key",
				key.toString(), "mutual TLS needs both");
	}

	@Test
	void aHeaderValueWithAControlCharacterFailsWithoutShowingTheValue(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(java.util.Map.of("tracekit.exporters.otlp.headers.api-key", "s3cr3t-key\n"));
		assertThatException().isThrownBy(() -> application.run().close());
		assertThat(output).contains("Property: tracekit.exporters.otlp.headers")
			.contains("Value:    \"****\"")
			.contains("has a value for header 'api-key' that holds a control character")
			.doesNotContain("s3cr3t-key");
	}

	@Test
	void aZeroBatchSizeFails(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.otlp.processor.max-export-batch-size=0",
				"tracekit.exporters.otlp.processor.max-export-batch-size", "0", "must be a positive whole number");
	}

	@Test
	void anUnreadableClientKeyFails(CapturedOutput output) {
		assertFailure(output, "tracekit.exporters.otlp.client-key=/does/not/exist.key", "tracekit.exporters.otlp.client-key",
				"/does/not/exist.key", "cannot be read");
	}

	@Test
	void aNegativeLimitFails(CapturedOutput output) {
		assertFailure(output, "tracekit.limits.event-count=-1", "tracekit.limits.event-count", "-1",
				"must be zero or a positive whole number");
	}

	private static void assertFailure(CapturedOutput output, String property, String name, String value,
			String reason) {
		assertFailure(output, new String[] { property }, name, value, reason);
	}

	private static void assertFailure(CapturedOutput output, String[] properties, String name, String value,
			String reason) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] args = java.util.Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new);
		assertThatException().isThrownBy(() -> application.run(args).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid tracing configuration (tracekit)")
			.contains("Property: " + name + "\n")
			.contains("Value:    \"" + value + "\"")
			.contains("Origin:   \"" + name + "\" from property source \"commandLineArgs\"")
			.containsPattern("Problem:  .*" + java.util.regex.Pattern.quote(reason))
			.contains("Correct " + name);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class Minimal {

	}

}
