package dev.tracekit.test;

import java.time.Duration;

import dev.tracekit.export.ExportPipelines;
import dev.tracekit.test.app.ShopApplication;
import dev.tracekit.test.autoconfigure.AutoConfigureTracekit;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.tracekit.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring Boot's test support on the class path, as this module brings it, the one switch
 * decides: network exporters off by default, on with {@code @AutoConfigureTracekit(exporters = true)};
 * spans are captured in memory either way.
 */
class ExportInTestsTests {

	@RegisterExtension
	static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("tracekit.exporters.collector.endpoint", receiver::grpcEndpoint);
		registry.add("tracekit.exporters.collector.processor.type", () -> "simple");
	}

	@Nested
	@SpringBootTest(classes = ShopApplication.class)
	@AutoConfigureTracekit
	class ByDefault {

		@Autowired
		ExportPipelines pipelines;

		@Autowired
		OpenTelemetry openTelemetry;

		@Autowired
		CapturedSpans spans;

		@Test
		void theCollectorIsNotContactedAndTheSpanIsCaptured() {
			// Surefire may run the other nested class first, with its context still cached.
			receiver.clear();
			this.openTelemetry.getTracer("test").spanBuilder("kept-local").startSpan().end();
			assertThat(this.spans).hasSpanNamed("kept-local");
			assertThat(this.pipelines.all()).isEmpty();
			assertThat(this.pipelines.switchedOff()).containsOnlyKeys("collector");
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
				.until(() -> receiver.requests().isEmpty());
		}

	}

	@Nested
	@SpringBootTest(classes = ShopApplication.class)
	@AutoConfigureTracekit(exporters = true)
	class OptedIn {

		@Autowired
		OpenTelemetry openTelemetry;

		@Autowired
		CapturedSpans spans;

		@Test
		void theSpanIsExportedAndCaptured() {
			this.openTelemetry.getTracer("test").spanBuilder("sent").startSpan().end();
			assertThat(this.spans).hasSpanNamed("sent");
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spanCount() == 1);
			assertThat(receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name).containsExactly("sent");
		}

	}

}
