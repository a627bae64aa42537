package dev.tracekit.diagnostics;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At startup tracekit says what it built, and warns about settings that are valid but likely
 * wrong. Secrets never appear.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.resource.service-name=checkout", "tracekit.resource.attributes.team=payments");

	@BeforeEach
	void forgetEarlierWarnings() {
		DistinctWarnings.forget();
	}

	@AfterEach
	void reset() {
		GlobalOpenTelemetry.resetForTest();
	}

	@Test
	void theReportShowsWhatWasBuiltWithSecretsMasked(CapturedOutput output) {
		this.runner
			.withPropertyValues("tracekit.exporters.vendor.protocol=http/protobuf",
					"tracekit.exporters.vendor.endpoint=https://otlp.example.com/v1/traces",
					"tracekit.exporters.vendor.headers.api-key=s3cr3t-value",
					"tracekit.exporters.vendor.compression=gzip", "tracekit.exporters.debug.type=console",
					"tracekit.sampler.type=parentbased_traceidratio", "tracekit.sampler.ratio=0.25",
					"tracekit.limits.attribute-count=64", "tracekit.propagators=tracecontext,b3")
			.run((context) -> {
				assertThat(output).contains("tracekit: tracing pipeline")
					.containsPattern("service +checkout  \\(resource: .*service\\.instance\\.id.*team")
					.containsPattern("sampler +ParentBased\\{root:TraceIdRatioBased\\{0\\.250000\\}")
					.containsPattern("limits +\\{span-attribute-count=64, attributes-per-event=64, attributes-per-link=64\\}")
					.containsPattern(
							"exporters +vendor: otlp http/protobuf https://otlp.example.com/v1/traces, gzip, headers \\[api-key\\] \\(values masked\\), batch")
					.containsPattern(" +debug: console, simple")
					.containsPattern("propagators +traceparent, tracestate, b3")
					.containsPattern("global +GlobalOpenTelemetry is this pipeline")
					.doesNotContain("s3cr3t-value")
					.doesNotContain("payments");
			});
	}

	@Test
	void onePropertyTurnsTheReportOff(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.debug.type=console",
				"tracekit.diagnostics.startup-report=false")
			.run((context) -> assertThat(output).doesNotContain("tracekit: tracing pipeline"));
	}

	@Test
	void httpToTheGrpcPortIsWarnedAbout(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.c.protocol=http/protobuf",
				"tracekit.exporters.c.endpoint=http://collector:4317/v1/traces")
			.run((context) -> assertThat(output)
				.contains("tracekit.exporters.c sends http/protobuf to port 4317, the OTLP gRPC port"));
	}

	@Test
	void grpcToTheHttpPortIsWarnedAbout(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.c.endpoint=http://collector:4318")
			.run((context) -> assertThat(output).contains("tracekit.exporters.c sends gRPC to port 4318"));
	}

	@Test
	void credentialsOverPlainHttpToARemoteHostAreWarnedAbout(CapturedOutput output) {
		this.runner
			.withPropertyValues("tracekit.exporters.c.endpoint=http://collector.example.com:4317",
					"tracekit.exporters.c.headers.authorization=Bearer-xyz")
			.run((context) -> assertThat(output)
				.contains("tracekit.exporters.c sends the headers [authorization] over plain http:// to collector.example.com")
				.doesNotContain("Bearer-xyz"));
	}

	@Test
	void credentialsOverPlainHttpToLoopbackAreFine(CapturedOutput output) {
		this.runner
			.withPropertyValues("tracekit.exporters.c.endpoint=http://127.0.0.1:4317",
					"tracekit.exporters.c.headers.authorization=Bearer-xyz")
			.run((context) -> assertThat(output).doesNotContain("over plain http://"));
	}

	@Test
	void theSimpleProcessorWithANetworkExporterIsWarnedAbout(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.c.processor.type=simple")
			.run((context) -> assertThat(output)
				.contains("tracekit.exporters.c uses the simple processor with a network exporter"));
	}

	@Test
	void samplingNothingIsWarnedAbout(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.c.type=console", "tracekit.sampler.type=always_off")
			.run((context) -> assertThat(output).contains("tracekit.sampler.type is always_off"));
		this.runner
			.withPropertyValues("tracekit.exporters.c.type=console", "tracekit.sampler.type=traceidratio",
					"tracekit.sampler.ratio=0")
			.run((context) -> assertThat(output).contains("tracekit.sampler.ratio is 0 with sampler traceidratio"));
	}

	@Test
	void aSensibleSetupHasNoWarnings(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.c.endpoint=https://collector:4317")
			.run((context) -> assertThat(output).doesNotContain("WARN"));
	}

}
