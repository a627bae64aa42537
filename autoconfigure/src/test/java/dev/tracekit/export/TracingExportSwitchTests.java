package dev.tracekit.export;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tracekit honours Spring Boot's {@code management.tracing.export.enabled=false}: no network
 * exporter, the others as configured, and the report names the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingExportSwitchTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.resource.service-name=switch-test");

	@AfterEach
	void reset() {
		GlobalOpenTelemetry.resetForTest();
	}

	@Test
	void exportDisabledLeavesOutOtlpExportersOnly(CapturedOutput output) {
		this.runner
			.withPropertyValues("management.tracing.export.enabled=false", "tracekit.exporters.a.endpoint=http://127.0.0.1:9",
					"tracekit.exporters.b.type=console")
			.run((context) -> {
				ExportPipelines pipelines = context.getBean(ExportPipelines.class);
				assertThat(pipelines.all()).extracting(ExportPipeline::name).containsExactly("b");
				assertThat(pipelines.switchedOff()).containsOnlyKeys("a");
				// The runner's properties come in a source named as Spring's test support names its own.
				assertThat(output).contains("a: otlp grpc http://127.0.0.1:9: off, ")
					.contains("management.tracing.export.enabled=false");
			});
	}

	@Test
	void theDefaultExporterIsLeftOutToo() {
		this.runner.withPropertyValues("management.tracing.export.enabled=false")
			.run((context) -> assertThat(context.getBean(ExportPipelines.class).all()).isEmpty());
	}

	@Test
	void exportEnabledOrUnsetBuildsEverything() {
		this.runner.withPropertyValues("management.tracing.export.enabled=true", "tracekit.exporters.a.endpoint=http://127.0.0.1:9")
			.run((context) -> assertThat(context.getBean(ExportPipelines.class).all()).extracting(ExportPipeline::name)
				.containsExactly("a"));
	}

}
