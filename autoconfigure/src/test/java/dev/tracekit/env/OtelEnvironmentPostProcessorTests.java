package dev.tracekit.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportPipelines;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
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

	// The default processor.max-concurrent-exports: the queue size holds for each export.
	private static final int EXPORTS = 4;

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
					"otlp http/protobuf http://collector:4318/v1/traces, batch, 4 exports at once"),
					org.assertj.core.groups.Tuple.tuple("debug", "console, simple"));
	}

	@Test
	void batchVariablesApplyToEveryExporterInForce() {
		start(Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "4096"), Map.of(),
				"--tracekit.exporters.a.endpoint=http://a:4317", "--tracekit.exporters.b.endpoint=http://b:4317");
		assertThat(this.context.getBean(ExportPipelines.class).all()).extracting(ExportPipeline::name)
			.containsExactlyInAnyOrder("a", "b");
		assertThat(this.context.getBean(ExportPipelines.class).all())
			.allSatisfy((pipeline) -> assertThat(pipeline.statistics().queueCapacity()).isEqualTo(EXPORTS * 4096));
	}

	@Test
	void anEmptyTracesExporterKeepsTheExportersOfTheApplicationsConfiguration() {
		start(Map.of("OTEL_TRACES_EXPORTER", ""), Map.of(), "--tracekit.exporters.collector.endpoint=http://collector:4317",
				"--tracekit.exporters.debug.type=console");
		assertThat(this.context.getBean(ExportPipelines.class).all()).extracting(ExportPipeline::name)
			.containsExactlyInAnyOrder("collector", "debug");
	}

	@Test
	void anEmptyPropagatorsVariableKeepsThePropagatorsOfTheApplicationsConfiguration() {
		start(Map.of("OTEL_PROPAGATORS", ""), Map.of(), "--tracekit.propagators=b3", "--tracekit.exporters.out.type=none");
		assertThat(this.context.getBean(ContextPropagators.class).getTextMapPropagator().fields()).containsExactly("b3");
	}

	@Test
	void repeatedPropagatorsInjectEachHeaderOnce() {
		start(Map.of("OTEL_PROPAGATORS", "tracecontext,tracecontext,baggage,"), Map.of(),
				"--tracekit.exporters.out.type=none");
		Span span = this.context.getBean(SdkTracerProvider.class).get("test").spanBuilder("outgoing").startSpan();
		List<String> injected = new ArrayList<>();
		this.context.getBean(ContextPropagators.class)
			.getTextMapPropagator()
			.inject(Context.root().with(span).with(Baggage.builder().put("tenant", "acme").build()), injected,
					(carrier, name, value) -> carrier.add(name));
		span.end();
		assertThat(injected).containsExactly("traceparent", "baggage");
	}

	@Test
	void batchVariablesAlsoApplyToTheOtlpExporterTheOtlpVariablesAdd() {
		start(Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "300", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), Map.of(),
				"--tracekit.exporters.local.endpoint=http://localhost:4317");
		assertThat(this.context.getBean(ExportPipelines.class).all())
			.extracting(ExportPipeline::name, (pipeline) -> pipeline.statistics().queueCapacity())
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("local", EXPORTS * 300L),
					org.assertj.core.groups.Tuple.tuple("otlp", EXPORTS * 300L));
	}

	@Test
	void aQueueBelowTheDefaultBatchSizeAloneStartsWithTheBatchSizeLowered(CapturedOutput output) {
		start(Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "100"), Map.of());
		assertThat(this.context.getBean(ExportPipelines.class).all()).singleElement()
			.satisfies((pipeline) -> assertThat(pipeline.statistics().queueCapacity()).isEqualTo(EXPORTS * 100));
		assertThat(this.context.getBean(SdkTracerProvider.class).toString()).contains("maxExportBatchSize=100");
		assertThat(output).doesNotContain("max-export-batch-size");
	}

	@Test
	void theOtlpVariablesAreUnusedWithAWarningWhenTracesExporterLeavesOutOtlp(CapturedOutput output) {
		start(Map.of("OTEL_TRACES_EXPORTER", "console", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), Map.of());
		assertThat(this.context.getBean(ExportPipelines.class).all()).extracting(ExportPipeline::name)
			.containsExactly("console");
		assertThat(output).contains("tracekit: OTEL_EXPORTER_OTLP_ENDPOINT set, but OTEL_TRACES_EXPORTER=console names"
				+ " no otlp exporter, so the OTLP settings are not used")
			.contains("tracekit.diagnostics.acknowledged-warnings=otel-unused");
	}

	@Test
	void theZipkinVariablesConfigureTheExporterNamedZipkin() {
		start(Map.of("OTEL_TRACES_EXPORTER", "zipkin", "OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans",
				"OTEL_EXPORTER_ZIPKIN_TIMEOUT", "2500"), Map.of(), "--management.tracing.export.enabled=false");
		assertThat(this.context.getBean(ExportPipelines.class).switchedOff())
			.containsOnlyKeys("zipkin")
			.hasEntrySatisfying("zipkin", (description) -> assertThat(description)
				.startsWith("zipkin http://zipkin:9411/api/v2/spans, gzip: off"));
	}

	@Test
	void theZipkinVariablesAreUnusedWithAWarningWhenNoZipkinExporterIsInForce(CapturedOutput output) {
		start(Map.of("OTEL_TRACES_EXPORTER", "console", "OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans"),
				Map.of());
		assertThat(output).contains("tracekit: OTEL_EXPORTER_ZIPKIN_ENDPOINT set, but no exporter named zipkin is in force"
				+ " (OTEL_TRACES_EXPORTER or tracekit.exporters), so the Zipkin settings are not used")
			.contains("tracekit.diagnostics.acknowledged-warnings=otel-unused");
	}

	@Test
	void theWarningOfUnusedOtlpVariablesCanBeAcknowledged(CapturedOutput output) {
		start(Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret"), Map.of(),
				"--tracekit.diagnostics.acknowledged-warnings=otel-unused");
		assertThat(output).doesNotContain("OTLP settings are not used");
	}

	@Test
	void resourceKeysKeepTheirSpellingBesideTheApplicationsAttributes() {
		start(Map.of("OTEL_RESOURCE_ATTRIBUTES",
				"a]b=1,[c=2,x[y]z=3,Team.Lead=4,k8s.pod.name=5,cost center=6,team-name=7,team=from-env"), Map.of(),
				"--tracekit.resource.attributes.team=from-config", "--tracekit.resource.attributes.region=eu",
				"--tracekit.exporters.out.type=none");
		Map<String, String> attributes = new LinkedHashMap<>();
		this.context.getBean(Resource.class).getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
		assertThat(attributes).containsEntry("a]b", "1")
			.containsEntry("[c", "2")
			.containsEntry("x[y]z", "3")
			.containsEntry("Team.Lead", "4")
			.containsEntry("k8s.pod.name", "5")
			.containsEntry("cost center", "6")
			.containsEntry("team-name", "7")
			.containsEntry("team", "from-env")
			.containsEntry("region", "eu");
	}

	@Test
	void anUnderscoreInTheEndpointsHostIsAccepted() {
		start(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel_collector:4317"), Map.of());
		assertThat(this.context.getBean(ExportPipelines.class).all()).extracting(ExportPipeline::description)
			.containsExactly("otlp grpc http://otel_collector:4317, batch, 4 exports at once");
	}

	@Test
	void aNumberThatIsNotWholeIsReportedWithTheVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(Map.of("OTEL_SPAN_LINK_COUNT_LIMIT", "5.0"), Map.of()));
		assertThat(output).contains("Variable: OTEL_SPAN_LINK_COUNT_LIMIT")
			.contains("Value:    \"5.0\"")
			.contains("is not a whole number")
			.contains("Write a whole number, e.g. 128");
	}

	@Test
	void aDurationTheSdkRefusesIsReportedWithTheAcceptedForms(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(Map.of("OTEL_BSP_SCHEDULE_DELAY", "5S"), Map.of()));
		assertThat(output).contains("Variable: OTEL_BSP_SCHEDULE_DELAY")
			.contains("Value:    \"5S\"")
			.contains("is not a duration")
			.contains("one of the units ns, us, ms, s, m, h, d");
	}

	@Test
	void spacesAroundABooleanTheSdkWouldReadAsFalseAreReported(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(Map.of("OTEL_SDK_DISABLED", " true"), Map.of()));
		assertThat(output).contains("Variable: OTEL_SDK_DISABLED")
			.contains("has spaces around 'true', which the OpenTelemetry SDK reads as false")
			.contains("Remove the spaces");
	}

	@Test
	void aHeaderValueHttpForbidsIsReportedWithTheVariableAndWithoutTheValue(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> start(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme,api-key=top-secret%0A"), Map.of()));
		assertThat(output).contains("Property: tracekit.exporters.otlp.headers[api-key]")
			.contains("Value:    \"****\"")
			.contains("Origin:   environment variable OTEL_EXPORTER_OTLP_HEADERS")
			.contains("holds a control character")
			.doesNotContain("top-secret");
	}

	@Test
	void aResourceKeyOutsideAsciiIsReportedWithTheVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(Map.of("OTEL_RESOURCE_ATTRIBUTES", "größe=42"), Map.of()));
		assertThat(output).contains("Variable: OTEL_RESOURCE_ATTRIBUTES")
			.contains("has the key 'größe', which a resource does not take: a key is printable ASCII");
	}

	@Test
	void sdkDisabledGivesAnOpenTelemetryThatRecordsNothing() {
		start(Map.of("OTEL_SDK_DISABLED", "true"), Map.of());
		assertThat(this.context.getBean(OpenTelemetry.class).getTracer("t").spanBuilder("s").startSpan().isRecording())
			.isFalse();
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
			.isThrownBy(() -> start(Map.of(), Map.of("otel.traces.exporter", "jaeger")));
		assertThat(output).contains("Value:    \"jaeger\"")
			.contains("Origin:   system property otel.traces.exporter")
			.contains("is not one of the accepted values: otlp, zipkin, console, none");
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
