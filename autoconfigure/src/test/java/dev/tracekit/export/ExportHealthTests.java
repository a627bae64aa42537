package dev.tracekit.export;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.Fault;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against a real receiver that goes down, comes back or refuses credentials: what tracekit logs
 * and counts while running.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportHealthTests {

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private ApplicationContextRunner runner;

	@BeforeEach
	void start() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.resource.service-name=health-test",
					"tracekit.exporters.collector.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.collector.retry=false",
					"tracekit.exporters.collector.processor.schedule-delay=50ms",
					"tracekit.lifecycle.flush-timeout=2s", "tracekit.lifecycle.shutdown-timeout=2s");
	}

	@Test
	void aReceiverThatIsDownIsReportedOnceCountedAndItsRecoveryLoggedOnce(CapturedOutput output) {
		this.receiver.stop();
		this.runner.withPropertyValues("tracekit.diagnostics.failure-summary-interval=1h").run((context) -> {
			Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
			ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
				.statistics();
			for (int batch = 0; batch < 3; batch++) {
				tracer.spanBuilder("while-down-" + batch).startSpan().end();
				long failedBefore = statistics.failed();
				await().atMost(Duration.ofSeconds(10)).until(() -> statistics.failed() > failedBefore);
			}
			assertThat(statistics.failed()).isEqualTo(3);
			assertThat(statistics.consecutiveFailedExports()).isEqualTo(3);
			assertThat(statistics.lastFailure()).isNotNull();
			assertThat(count(output, "exporter 'collector' \\(otlp grpc " + Pattern.quote(this.receiver.grpcEndpoint())
					+ ", batch, 4 exports at once\\) failed to export 1 span: ")).isEqualTo(1);
			assertThat(output).doesNotContain("recovered");

			this.receiver.restart();
			tracer.spanBuilder("after-recovery").startSpan().end();
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.exported() == 1);
			tracer.spanBuilder("after-recovery-2").startSpan().end();
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.exported() == 2);
			assertThat(statistics.consecutiveFailedExports()).isZero();
			assertThat(count(output, "exporter 'collector' .* recovered: exports succeed again after 3 failed exports"))
				.isEqualTo(1);
			assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
				.containsExactly("after-recovery", "after-recovery-2");
		});
	}

	@Test
	void failuresThatGoOnAreSummarisedWithCounts(CapturedOutput output) {
		this.receiver.setFault(Fault.UNAVAILABLE);
		this.runner.withPropertyValues("tracekit.diagnostics.failure-summary-interval=200ms").run((context) -> {
			Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
			ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
				.statistics();
			tracer.spanBuilder("first").startSpan().end();
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.failed() == 1);
			Thread.sleep(250);
			tracer.spanBuilder("second").startSpan().end();
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.failed() == 2);
			// The failure is counted just before it is logged.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains("exporter 'collector' (otlp grpc "
						+ this.receiver.grpcEndpoint() + ", batch, 4 exports at once) is still failing: 1 more failed export (1 span) in the last"));
			assertThat(count(output, "failed to export")).isEqualTo(1);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void aReceiverThatRejectsTheCredentialsGetsADistinctMessage(String protocol, CapturedOutput output) {
		this.receiver.setFault(Fault.UNAUTHENTICATED);
		String endpoint = protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
		this.runner
			.withPropertyValues("tracekit.exporters.collector.protocol=" + protocol,
					"tracekit.exporters.collector.endpoint=" + endpoint,
					"tracekit.exporters.collector.headers.api-key=wrong-key")
			.run((context) -> {
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
					.statistics();
				context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("denied").startSpan().end();
				await().atMost(Duration.ofSeconds(10)).until(() -> statistics.failed() == 1);
				assertThat(statistics.lastFailure().rejectedCredentials()).isTrue();
				assertThat(output).contains("the endpoint rejected the credentials")
					.contains("tracekit.exporters.collector.headers")
					.doesNotContain("wrong-key");
			});
	}

	@Test
	void anUnavailableReceiverIsNotMistakenForRejectedCredentials() {
		this.receiver.setFault(Fault.UNAVAILABLE);
		this.runner.run((context) -> {
			ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
				.statistics();
			context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("unavailable").startSpan().end();
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.failed() == 1);
			assertThat(statistics.lastFailure().rejectedCredentials()).isFalse();
		});
	}

	@Test
	void spansDroppedFromAFullQueueAreCountedExactly() {
		this.runner.withPropertyValues("tracekit.exporters.collector.processor.max-queue-size=64",
				"tracekit.exporters.collector.processor.max-export-batch-size=64")
			.run((context) -> {
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
					.statistics();
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				for (int i = 0; i < 5000; i++) {
					tracer.spanBuilder("burst").startSpan().end();
				}
				context.close();
				assertThat(statistics.droppedQueueFull()).isPositive();
				assertThat(statistics.failed()).isZero();
				assertThat(this.receiver.spanCount() + statistics.droppedQueueFull()).isEqualTo(5000);
				assertThat(statistics.queueSize()).isZero();
			});
	}

	private static int count(CapturedOutput output, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(output.getAll());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
