package dev.tracekit.testcontext;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under Spring's test framework, with nothing opting in, tracekit builds no network exporter: the
 * configured collector is never contacted, the console exporter still prints, and the startup
 * report says why the OTLP exporter is off and how to turn it on.
 */
// Closed after the class: ApplicationContextRunner tests later in this JVM expect the global free.
@DirtiesContext
@SpringBootTest(classes = NetworkExportOffInTestsTests.Application.class,
		properties = { "tracekit.resource.service-name=quiet-test", "tracekit.exporters.debug.type=console" })
@ExtendWith(OutputCaptureExtension.class)
class NetworkExportOffInTestsTests {

	@RegisterExtension
	static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@Autowired
	private ExportPipelines pipelines;

	@Autowired
	private OpenTelemetry openTelemetry;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("tracekit.exporters.collector.endpoint", receiver::grpcEndpoint);
	}

	@Test
	void theOtlpExporterIsNotBuiltAndTheCollectorNeverHearsFromTheTest(CapturedOutput output) {
		assertThat(this.pipelines.all()).extracting((pipeline) -> pipeline.name()).containsExactly("debug");
		assertThat(this.pipelines.switchedOff()).containsOnlyKeys("collector");
		this.openTelemetry.getTracer("test").spanBuilder("printed-not-sent").startSpan().end();
		this.tracerProvider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(output).contains("printed-not-sent");
		assertThat(receiver.requests()).isEmpty();
	}

	@Test
	void theStartupReportSaysTheExporterIsOffAndHowToOptIn(CapturedOutput output) {
		assertThat(output).containsPattern("collector: otlp grpc " + receiver.grpcEndpoint()
				+ ": off, as in every test that does not opt in \\(management.tracing.export.enabled=false, set by"
				+ " Spring's test support; opt in with @AutoConfigureTracekit\\(exporters = true\\),"
				+ " @AutoConfigureTracing or spring.test.tracing.export=true\\)");
		// Honoured, so not reported as a Spring Boot setting that tracekit ignores.
		assertThat(output).doesNotContain("'management.tracing.export.enabled'");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class Application {

	}

}
