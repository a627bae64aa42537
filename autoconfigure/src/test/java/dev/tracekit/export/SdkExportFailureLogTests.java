package dev.tracekit.export;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failed export is told once, by tracekit, without a stack trace: the SDK's own ERROR records
 * about failed span exports are dropped, and only those.
 */
@ExtendWith(OutputCaptureExtension.class)
class SdkExportFailureLogTests {

	@AfterEach
	void reset() {
		GlobalOpenTelemetry.resetForTest();
	}

	@Test
	void aCollectorThatIsDownIsReportedByTracekitAloneWithoutAStackTrace(CapturedOutput output) {
		OtlpTestReceiver receiver = OtlpTestReceiver.start();
		receiver.stop();
		try {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
				.withPropertyValues("tracekit.resource.service-name=sdk-log-test",
						"tracekit.exporters.down.endpoint=" + receiver.grpcEndpoint(), "tracekit.exporters.down.retry=false",
						"tracekit.exporters.down.processor.schedule-delay=50ms", "tracekit.lifecycle.flush-timeout=1s",
						"tracekit.lifecycle.shutdown-timeout=1s")
				.run((context) -> {
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("lost").startSpan().end();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> output.toString().contains("tracekit: exporter 'down'"));
				});
		}
		finally {
			receiver.close();
		}
		assertThat(output).containsOnlyOnce("tracekit: exporter 'down' (otlp grpc " + receiver.grpcEndpoint()
				+ ", batch, 4 exports at once) failed to export 1 span")
			.doesNotContain("Failed to export spans")
			.doesNotContain("\tat okhttp3");
	}

	@Test
	void onlyRecordsAboutSpansAreDropped() {
		SdkExportFailureLog.quiet();
		Logger grpc = Logger.getLogger("io.opentelemetry.exporter.internal.grpc.GrpcExporter");
		Logger http = Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter");
		assertThat(grpc.getFilter().isLoggable(record("Failed to export spans. The request could not be executed.")))
			.isFalse();
		assertThat(http.getFilter().isLoggable(record("Failed to export spans. Server responded with HTTP status code 500")))
			.isFalse();
		assertThat(http.getFilter().isLoggable(record("Failed to export logs. The request could not be executed.")))
			.isTrue();
		assertThat(grpc.getFilter().isLoggable(record("Failed to export metrics. Server is UNAVAILABLE."))).isTrue();
		assertThat(grpc.getFilter().isLoggable(record("Calling shutdown() multiple times."))).isTrue();
	}

	private static LogRecord record(String message) {
		return new LogRecord(Level.SEVERE, message);
	}

}
