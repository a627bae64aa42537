package dev.tracekit.testcontext;

import java.time.Duration;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A test that sets Spring Boot's {@code spring.test.tracing.export=true} gets its network exporters. */
// Closed after the class: ApplicationContextRunner tests later in this JVM expect the global free.
@DirtiesContext
@SpringBootTest(classes = NetworkExportOptInTests.Application.class,
		properties = { "spring.test.tracing.export=true", "tracekit.resource.service-name=opted-in" })
class NetworkExportOptInTests {

	@RegisterExtension
	static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@Autowired
	private ExportPipelines pipelines;

	@Autowired
	private OpenTelemetry openTelemetry;

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("tracekit.exporters.collector.endpoint", receiver::grpcEndpoint);
		registry.add("tracekit.exporters.collector.processor.type", () -> "simple");
	}

	@Test
	void theOtlpExporterIsBuiltAndExports() {
		assertThat(this.pipelines.switchedOff()).isEmpty();
		this.openTelemetry.getTracer("test").spanBuilder("sent").startSpan().end();
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spanCount() == 1);
		assertThat(receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name).containsExactly("sent");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class Application {

	}

}
