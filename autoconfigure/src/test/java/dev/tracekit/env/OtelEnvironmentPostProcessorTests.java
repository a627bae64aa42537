package dev.tracekit.env;

import java.util.Map;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportPipelines;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Precedence and origins of the OTEL_* mapping in a real application: system property, then
 * environment variable, then the application's own configuration, then defaults.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtelEnvironmentPostProcessorTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		GlobalOpenTelemetry.resetForTest();
	}

	private ConfigurableApplicationContext start(Map<String, String> env, Map<String, String> systemProperties,
			String... args) {
		this.context = OtelVariablesTestSupport.start(env, systemProperties, args);
		return this.context;
	}

	private static String serviceName(ConfigurableApplicationContext context) {
		return context.getBean(Resource.class).getAttribute(AttributeKey.stringKey("service.name"));
	}

	@Test
	void aSystemPropertyBeatsTheEnvironmentVariable() {
		start(Map.of("OTEL_SERVICE_NAME", "from-env"), Map.of("otel.service.name", "from-system-property"),
				"--tracekit.exporters.out.type=none");
		assertThat(serviceName(this.context)).isEqualTo("from-system-property");
	}

	@Test
	void anEnvironmentVariableBeatsTheApplicationsConfiguration() {
		start(Map.of("OTEL_SERVICE_NAME", "from-env"), Map.of(), "--tracekit.resource.service-name=from-config",
				"--tracekit.exporters.out.type=none");
		assertThat(serviceName(this.context)).isEqualTo("from-env");
	}

	@Test
	void theApplicationsConfigurationBeatsTheDefault() {
		start(Map.of(), Map.of(), "--tracekit.resource.service-name=from-config", "--tracekit.exporters.out.type=none");
		assertThat(serviceName(this.context)).isEqualTo("from-config");
	}

	@Test
	void tracesExporterNamesTheWholeSetAndTurnsOffTheOthers() {
		start(Map.of("OTEL_TRACES_EXPORTER", "console"), Map.of(),
				"--tracekit.exporters.collector.endpoint=http://collector:4317");
		assertThat(this.context.getBean(ExportPipelines.class).all()).extracting(ExportPipeline::name)
			.containsExactly("console");
	}

	@Test
	void withoutTracesExporterTheOtlpVariablesConfigureTheExporterNamedOtlp() {
		start(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), Map.of(),
				"--tracekit.exporters.otlp.protocol=http/protobuf", "--tracekit.exporters.debug.type=console");
		assertThat(this.context.getBean(ExportPipelines.class).all())
			.extracting(ExportPipeline::name, ExportPipeline::description)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("otlp",
					"otlp http/protobuf http://collector:4318/v1/traces, batch"),
					org.assertj.core.groups.Tuple.tuple("debug", "console, simple"));
	}

	@Test
	void batchVariablesApplyToEveryExporterInForce() {
		start(Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "4096"), Map.of(),
				"--tracekit.exporters.a.endpoint=http://a:4317", "--tracekit.exporters.b.endpoint=http://b:4317");
		assertThat(this.context.getBean(ExportPipelines.class).all()).extracting(ExportPipeline::name)
			.containsExactlyInAnyOrder("a", "b");
		assertThat(this.context.getBean(ExportPipelines.class).all())
			.allSatisfy((pipeline) -> assertThat(pipeline.statistics().queueCapacity()).isEqualTo(4096));
	}

	@Test
	void sdkDisabledGivesTheNoopOpenTelemetry() {
		start(Map.of("OTEL_SDK_DISABLED", "true"), Map.of());
		assertThat(this.context.getBean(OpenTelemetry.class)).isSameAs(OpenTelemetry.noop());
		assertThat(this.context.getBeansOfType(SdkTracerProvider.class)).isEmpty();
	}

	@Test
	void anInvalidValueIsReportedWithTheVariableAsItsOrigin(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(
				Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "1.5"), Map.of()));
		assertThat(output).contains("Property: tracekit.sampler.ratio")
			.contains("Value:    \"1.5\"")
			.contains("Origin:   environment variable OTEL_TRACES_SAMPLER_ARG")
			.contains("must be between 0 and 1 inclusive");
	}

	@Test
	void anUnknownValueFromASystemPropertyNamesThePropertyAndTheAcceptedValues(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start(Map.of(), Map.of("otel.traces.exporter", "zipkin")));
		assertThat(output).contains("Value:    \"zipkin\"")
			.contains("Origin:   system property otel.traces.exporter")
			.contains("is not one of the accepted values: otlp, console, none");
	}

	@Test
	void malformedHeadersAreReportedWithTheirValuesMasked(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> start(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "api-key=top-secret,broken"), Map.of()));
		assertThat(output).contains("Variable: OTEL_EXPORTER_OTLP_HEADERS")
			.contains("Value:    \"api-key=****,****\"")
			.contains("has the entry '****', which is not of the form key=value")
			.contains("Write comma-separated key=value pairs")
			.doesNotContain("top-secret");
	}

	@Test
	void malformedResourceAttributesAreReported(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start(Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=payments,=orphan"), Map.of()));
		assertThat(output).contains("Variable: OTEL_RESOURCE_ATTRIBUTES")
			.contains("Origin:   environment variable OTEL_RESOURCE_ATTRIBUTES")
			.contains("has the entry '=orphan', which is not of the form key=value");
	}

	@Test
	void aNonBooleanSdkDisabledIsReported(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(Map.of("OTEL_SDK_DISABLED", "yes"), Map.of()));
		assertThat(output).contains("Variable: OTEL_SDK_DISABLED").contains("is not a boolean");
	}

	@Test
	void aNegativeDurationFromAVariableIsReported(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(Map.of("OTEL_BSP_EXPORT_TIMEOUT", "-5"), Map.of()));
		assertThat(output).contains("Property: tracekit.exporters.otlp.processor.export-timeout")
			.contains("Origin:   environment variable OTEL_BSP_EXPORT_TIMEOUT")
			.contains("must not be negative");
	}

}
