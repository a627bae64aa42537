package dev.tracekit.actuate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.diagnostics.DistinctWarnings;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.testing.OtlpTestReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that accepts an export but answers with an OTLP partial success, against a real
 * receiver, over each protocol and sender: the rejected spans are counted apart from the delivered
 * ones, logged with the collector's message, and shown by the health indicator, the endpoint and
 * the meters.
 */
@ExtendWith(OutputCaptureExtension.class)
class PartialSuccessTests {

	private static final Duration EXPORT_WAIT = Duration.ofSeconds(10);

	// OpenTelemetry 1.55's gRPC answer carries no message (its GrpcResponse has only the status):
	// there only the grpc-java sender, whose channel tracekit builds, reads it.
	private static final boolean GRPC_ANSWER_READABLE = ClassUtils
		.isPresent("io.opentelemetry.sdk.common.export.GrpcResponse", null);

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@BeforeEach
	void start() {
		DistinctWarnings.forget();
	}

	private ApplicationContextRunner runner(String protocol, String sender) {
		String endpoint = protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TracekitAutoConfiguration.class, TracekitActuatorAutoConfiguration.class,
							MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("tracekit.resource.service-name=partial-success-test",
					"management.endpoints.web.exposure.include=tracekit",
					"tracekit.exporters.collector.endpoint=" + endpoint,
					"tracekit.exporters.collector.protocol=" + protocol,
					"tracekit.exporters.collector.sender=" + sender,
					"tracekit.exporters.collector.retry=false",
					// Spans wait in the queue until flushed, so that each flush is one export (one
					// batch processor: the collector's answer here is the same for every request).
					"tracekit.exporters.collector.processor.schedule-delay=1h",
					"tracekit.exporters.collector.processor.max-concurrent-exports=1",
					"tracekit.diagnostics.failure-summary-interval=1h",
					"tracekit.lifecycle.flush-timeout=2s", "tracekit.lifecycle.shutdown-timeout=2s");
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void rejectedSpansAreCountedLoggedAndReportedUntilTheCollectorAcceptsEverythingAgain(String protocol,
			String sender, CapturedOutput output) {
		boolean readable = protocol.startsWith("http") || sender.equals("grpc-java") || GRPC_ANSWER_READABLE;
		this.receiver.setPartialSuccess(2, "2 spans have an attribute value over the size limit");
		runner(protocol, sender).run((context) -> {
			ExportStatistics statistics = TracekitActuatorAutoConfigurationTests.statistics(context);
			exportSpans(context, 5);
			await().atMost(EXPORT_WAIT).until(() -> statistics.exported() + statistics.rejected() == 5);
			assertThat(this.receiver.spanCount()).isEqualTo(5);
			if (!readable) {
				// Documented: on OpenTelemetry 1.55 the OkHttp gRPC sender does not hand over the answer.
				assertThat(statistics.rejected()).isZero();
				return;
			}
			assertThat(statistics.exported()).isEqualTo(3);
			assertThat(statistics.rejected()).isEqualTo(2);
			assertThat(statistics.failed()).isZero();
			assertThat(statistics.undelivered()).isEqualTo(2);
			String cause = "the collector rejected 2 of 5 spans (OTLP partial success): 2 spans have an attribute"
					+ " value over the size limit";
			assertThat(statistics.lastFailure().cause()).isEqualTo(cause);
			assertThat(count(output, "tracekit: exporter 'collector' \\(otlp " + Pattern.quote(protocol)
					+ " .*\\) failed to export 2 spans: " + Pattern.quote(cause))).isEqualTo(1);

			Health down = TracekitActuatorAutoConfigurationTests.tracingHealth(context);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			ExporterStatus status = TracekitActuatorAutoConfigurationTests.exporters(down).get("collector");
			assertThat(status.rejected()).isEqualTo(2);
			assertThat(status.exported()).isEqualTo(3);
			assertThat(status.lastFailure().cause()).isEqualTo(cause);
			assertThat(context.getBean(TracekitEndpoint.class).exporter("collector").rejected()).isEqualTo(2);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("tracekit.spans.rejected").tag("exporter", "collector").functionCounter().count())
				.isEqualTo(2);
			assertThat(registry.get("tracekit.spans.exported").tag("exporter", "collector").functionCounter().count())
				.isEqualTo(3);

			this.receiver.acceptEverything();
			exportSpans(context, 4);
			await().atMost(EXPORT_WAIT).until(() -> statistics.exported() == 7);
			assertThat(statistics.rejected()).isEqualTo(2);
			assertThat(TracekitActuatorAutoConfigurationTests.tracingHealth(context).getStatus()).isEqualTo(Status.UP);
			assertThat(output).contains("exporter 'collector'").contains("recovered: exports succeed again after 1 failed export");
		});
		if (readable) {
			assertThat(output).contains("did not deliver 2 of 9 spans: 0 in failed exports, 2 rejected by the collector,"
					+ " 0 dropped because the queue was full, 0 abandoned at shutdown");
		}
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void aPartialSuccessThatRejectsNothingIsAWarningSaidOnce(String protocol, String sender, CapturedOutput output) {
		boolean readable = protocol.startsWith("http") || sender.equals("grpc-java") || GRPC_ANSWER_READABLE;
		this.receiver.setPartialSuccess(0, "attribute 'x' is deprecated");
		runner(protocol, sender).run((context) -> {
			ExportStatistics statistics = TracekitActuatorAutoConfigurationTests.statistics(context);
			exportSpans(context, 3);
			await().atMost(EXPORT_WAIT).until(() -> statistics.exported() == 3);
			exportSpans(context, 3);
			await().atMost(EXPORT_WAIT).until(() -> statistics.exported() == 6);
			assertThat(statistics.rejected()).isZero();
			assertThat(statistics.consecutiveFailedExports()).isZero();
			assertThat(TracekitActuatorAutoConfigurationTests.tracingHealth(context).getStatus()).isEqualTo(Status.UP);
			if (readable) {
				assertThat(count(output, "the collector accepted every span of an export with a warning: attribute 'x'"
						+ " is deprecated")).isEqualTo(1);
			}
		});
	}

	private static void exportSpans(AssertableApplicationContext context, int spans) {
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
		for (int i = 0; i < spans; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
	}

	private static int count(CapturedOutput output, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(output.toString());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
