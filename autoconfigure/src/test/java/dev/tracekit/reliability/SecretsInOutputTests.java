package dev.tracekit.reliability;

import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.Fault;
import dev.tracekit.testing.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Header values are credentials: whatever happens in a context's life, none appears in its output.
 * Each test runs a real {@code SpringApplication} (its logging system, every auto-configuration on
 * the test class path) with tracekit and OpenTelemetry logging at TRACE, captures everything
 * written to stdout and stderr, and searches it for the values.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInOutputTests {

	private static final String GRPC_SECRET = "grpc-secret-7f3a9c";

	private static final String HTTP_SECRET = "http-secret-4be21d";

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@AfterEach
	void stopReceiver() {
		// The logging system outlives the application; later tests expect the default levels.
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.setLogLevel("dev.tracekit", null);
		loggingSystem.setLogLevel("io.opentelemetry", null);
	}

	@Test
	void headerValuesNeverAppearInStartupExportsFailuresRecoveryOrShutdown(CapturedOutput output) {
		ConfigurableApplicationContext context = application().run();
		ExportPipelines pipelines = context.getBean(ExportPipelines.class);
		ExportStatistics vendor = pipelines.get("vendor").orElseThrow().statistics();
		ExportStatistics backup = pipelines.get("backup").orElseThrow().statistics();
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("secrets");

		Spans.endUntil(tracer, () -> vendor.exported() > 0 && backup.exported() > 0);
		this.receiver.setFault(Fault.UNAUTHENTICATED);
		Spans.endUntil(tracer, () -> count(output, "is still failing") >= 2);
		this.receiver.setFault(Fault.NONE);
		Spans.endUntil(tracer, () -> count(output, "recovered: exports succeed again") >= 2);
		this.receiver.stop();
		Span late = tracer.spanBuilder("ended-after-close").startSpan();
		Spans.endUntil(tracer, () -> vendor.failed() > 0 && backup.failed() > 0);
		tracer.spanBuilder("queued-at-close").startSpan().end();
		context.close();
		late.end();

		// Every stage of the life was logged, so the search below covers it.
		assertThat(output).contains("tracekit: tracing pipeline").contains("exporter 'vendor'").contains("exporter 'backup'")
			.contains("the endpoint rejected the credentials").contains("is still failing")
			.contains("recovered: exports succeed again").contains("did not deliver")
			.contains("ended after exporter");
		// The values were really in use.
		assertThat(this.receiver.requests()).anySatisfy((request) -> assertThat(request.headers())
			.containsEntry("x-api-key", GRPC_SECRET));
		assertThat(this.receiver.requests()).anySatisfy((request) -> assertThat(request.headers())
			.containsEntry("authorization", "Bearer " + HTTP_SECRET));
		assertThat(output.getAll()).doesNotContain(GRPC_SECRET).doesNotContain(HTTP_SECRET);
	}

	@Test
	void headerValuesNeverAppearInAStartupFailureReport(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> application().properties("tracekit.exporters.vendor.compression=brotli").run());
		assertThat(output).contains("tracekit.exporters.vendor.compression");
		assertThat(output.getAll()).doesNotContain(GRPC_SECRET).doesNotContain(HTTP_SECRET);
	}

	@Test
	void aHeaderValueTheHttpClientWouldRefuseFailsStartupWithoutAppearing(CapturedOutput output) {
		// A trailing newline, as in a key read from a mounted secret file: the HTTP client would
		// refuse it at the first export and quote it in its error, so startup refuses it first.
		assertThatException().isThrownBy(() -> application()
			.properties("tracekit.exporters.vendor.headers.x-api-key=" + GRPC_SECRET + "\n",
					"tracekit.exporters.backup.headers.x-api-key=" + HTTP_SECRET + "\n")
			.run()
			.close());
		assertThat(output).contains("holds a control character");
		assertThat(output.getAll()).doesNotContain(GRPC_SECRET).doesNotContain(HTTP_SECRET);
	}

	private SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(SecretsApplication.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=secrets-test", "logging.level.dev.tracekit=TRACE",
					"logging.level.io.opentelemetry=TRACE",
					"tracekit.diagnostics.failure-summary-interval=100ms", "tracekit.lifecycle.flush-timeout=1s",
					"tracekit.lifecycle.shutdown-timeout=1s",
					"tracekit.exporters.vendor.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.vendor.headers.x-api-key=" + GRPC_SECRET,
					"tracekit.exporters.vendor.retry=false",
					"tracekit.exporters.vendor.processor.schedule-delay=20ms",
					"tracekit.exporters.backup.protocol=http/protobuf",
					"tracekit.exporters.backup.endpoint=" + this.receiver.httpEndpoint(),
					"tracekit.exporters.backup.headers.authorization=Bearer " + HTTP_SECRET,
					"tracekit.exporters.backup.retry=false",
					"tracekit.exporters.backup.processor.schedule-delay=20ms");
	}

	// Spans keep coming while waiting, as from a live application.

	private static int count(CapturedOutput output, String text) {
		String all = output.getAll();
		int count = 0;
		for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
			count++;
		}
		return count;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecretsApplication {

	}

}
