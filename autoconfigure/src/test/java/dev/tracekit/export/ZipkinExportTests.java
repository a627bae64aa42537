package dev.tracekit.export;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.tracekit.actuate.ExporterStatus;
import dev.tracekit.actuate.TracekitActuatorAutoConfiguration;
import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.ZipkinTestServer;
import dev.tracekit.testing.ZipkinTestServer.ZipkinSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The {@code zipkin} exporter type against a real Zipkin server: what arrives, what is counted and
 * reported, and what fails startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZipkinExportTests {

	private static ZipkinTestServer zipkin;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.exporters.zipkin.type=zipkin",
				"tracekit.exporters.zipkin.processor.schedule-delay=50ms", "tracekit.lifecycle.flush-timeout=5s",
				"tracekit.lifecycle.shutdown-timeout=5s");

	@BeforeAll
	static void startZipkin() {
		zipkin = ZipkinTestServer.start();
	}

	@AfterAll
	static void stopZipkin() {
		zipkin.close();
	}

	@Test
	void aTraceArrivesAtZipkinWholeAndIsCountedAsExported(CapturedOutput output) {
		this.runner
			.withPropertyValues("tracekit.resource.service-name=zipkin-whole",
					"tracekit.exporters.zipkin.endpoint=" + zipkin.spansEndpoint())
			.run((context) -> {
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("zipkin").orElseThrow().statistics();
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				Span parent = tracer.spanBuilder("checkout").setSpanKind(SpanKind.SERVER).startSpan();
				try (Scope scope = parent.makeCurrent()) {
					Span child = tracer.spanBuilder("charge-card").setAttribute("order.id", "1001").startSpan();
					child.setStatus(StatusCode.ERROR, "card declined");
					child.end();
				}
				finally {
					parent.end();
				}
				await().atMost(Duration.ofSeconds(20)).until(() -> zipkin.spans("zipkin-whole").size() == 2);
				// Zipkin may show the spans before the exporter has its answer and counts them.
				await().atMost(Duration.ofSeconds(20)).until(() -> statistics.exported() == 2);
				assertThat(statistics.failed()).isZero();
				List<List<ZipkinSpan>> traces = zipkin.traces("zipkin-whole");
				assertThat(traces).hasSize(1);
				Map<String, ZipkinSpan> byName = traces.get(0)
					.stream()
					.collect(Collectors.toMap(ZipkinSpan::name, Function.identity()));
				ZipkinSpan checkout = byName.get("checkout");
				ZipkinSpan charge = byName.get("charge-card");
				assertThat(checkout.traceId()).isEqualTo(parent.getSpanContext().getTraceId());
				assertThat(checkout.parentId()).isNull();
				assertThat(checkout.kind()).isEqualTo("SERVER");
				assertThat(charge.parentId()).isEqualTo(checkout.id());
				assertThat(charge.tags()).containsEntry("order.id", "1001").containsEntry("error", "card declined");
				assertThat(checkout.tags()).doesNotContainKey("error");
				assertThat(traces.get(0)).extracting(ZipkinSpan::serviceName).containsOnly("zipkin-whole");
			});
		assertThat(output).contains("zipkin: zipkin " + zipkin.spansEndpoint() + ", gzip, batch");
	}

	@Test
	void compressionNoneSendsPlainBodiesThatZipkinAcceptsToo() {
		this.runner
			.withPropertyValues("tracekit.resource.service-name=zipkin-plain",
					"tracekit.exporters.zipkin.endpoint=" + zipkin.spansEndpoint(),
					"tracekit.exporters.zipkin.compression=none")
			.run((context) -> {
				context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("plain").startSpan().end();
				await().atMost(Duration.ofSeconds(20)).until(() -> zipkin.spans("zipkin-plain").size() == 1);
				assertThat(context.getBean(ExportPipelines.class).get("zipkin").orElseThrow().description())
					.isEqualTo("zipkin " + zipkin.spansEndpoint() + ", batch, 4 exports at once");
			});
	}

	@Test
	void aZipkinServerThatIsDownIsCountedAndReportedLikeAnyExporter(CapturedOutput output) throws IOException {
		String endpoint = "http://127.0.0.1:" + closedPort() + "/api/v2/spans";
		this.runner.withPropertyValues("tracekit.resource.service-name=zipkin-down",
				"tracekit.exporters.zipkin.endpoint=" + endpoint, "tracekit.exporters.zipkin.timeout=2s")
			.run((context) -> {
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("zipkin").orElseThrow().statistics();
				context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("lost").startSpan().end();
				await().atMost(Duration.ofSeconds(20)).until(() -> statistics.failed() == 1);
				assertThat(statistics.exported()).isZero();
				// The exporter only logs its sender's exception; tracekit reports it as the cause.
				assertThat(statistics.lastFailure().cause()).containsIgnoringCase("connect");
				// The failure is counted before it is logged.
				await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll()
					.contains("exporter 'zipkin' (zipkin " + endpoint + ", gzip, batch, 4 exports at once) failed to export 1 span"));
				assertThat(output.getAll()).doesNotContain("without a cause").doesNotContain("Failed to export spans");
			});
	}

	@Test
	void theTracingHealthShowsAZipkinExporterUpOnceItExportsAndDownWhileItsServerIsUnreachable() throws IOException {
		ApplicationContextRunner withActuator = this.runner
			.withConfiguration(AutoConfigurations.of(TracekitActuatorAutoConfiguration.class))
			.withPropertyValues("tracekit.resource.service-name=zipkin-health");
		withActuator.withPropertyValues("tracekit.exporters.zipkin.endpoint=" + zipkin.spansEndpoint()).run((context) -> {
			ExportStatistics statistics = context.getBean(ExportPipelines.class).get("zipkin").orElseThrow().statistics();
			context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("healthy").startSpan().end();
			await().atMost(Duration.ofSeconds(20)).until(() -> statistics.exported() == 1);
			Health health = context.getBean("tracingHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(exporters(health).get("zipkin").description()).startsWith("zipkin " + zipkin.spansEndpoint());
		});
		withActuator.withPropertyValues("tracekit.exporters.zipkin.endpoint=http://127.0.0.1:" + closedPort() + "/api/v2/spans")
			.run((context) -> {
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("zipkin").orElseThrow().statistics();
				for (int batch = 1; batch <= 2; batch++) {
					context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("unreachable").startSpan().end();
					int failed = batch;
					await().atMost(Duration.ofSeconds(20)).until(() -> statistics.failed() == failed);
				}
				Health health = context.getBean("tracingHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(exporters(health).get("zipkin").lastFailure().cause()).containsIgnoringCase("connect");
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ExporterStatus> exporters(Health health) {
		return (Map<String, ExporterStatus>) health.getDetails().get("exporters");
	}

	@Test
	void testsThatDoNotOptInBuildNoZipkinExporter() {
		this.runner.withPropertyValues("management.tracing.export.enabled=false").run((context) -> {
			ExportPipelines pipelines = context.getBean(ExportPipelines.class);
			assertThat(pipelines.get("zipkin")).isEmpty();
			assertThat(pipelines.switchedOff()).containsKey("zipkin");
			assertThat(pipelines.switchedOff().get("zipkin"))
				.startsWith("zipkin " + ExporterProperties.ZIPKIN_DEFAULT_ENDPOINT + ", gzip: off");
		});
	}

	@Test
	void withoutTheZipkinExporterOnTheClasspathStartupFailsNamingTheDependency(CapturedOutput output) {
		Thread thread = Thread.currentThread();
		ClassLoader original = thread.getContextClassLoader();
		thread.setContextClassLoader(new FilteredClassLoader(ZipkinSpanExporter.class));
		try {
			assertStartupFails("tracekit.exporters.traces.type=zipkin");
		}
		finally {
			thread.setContextClassLoader(original);
		}
		assertThat(output).contains("Property: tracekit.exporters.traces.type")
			.contains("is zipkin, but the Zipkin exporter is not on the classpath; add the dependency"
					+ " io.opentelemetry:opentelemetry-exporter-zipkin");
	}

	@Test
	void headersOnAZipkinExporterFailStartupRatherThanBeingIgnored(CapturedOutput output) {
		assertStartupFails("tracekit.exporters.traces.type=zipkin", "tracekit.exporters.traces.headers.api-key=abc");
		assertThat(output).contains("Property: tracekit.exporters.traces.headers")
			.contains("a zipkin exporter sends no custom headers");
	}

	@Test
	void aZipkinEndpointWithoutASchemeFailsStartup(CapturedOutput output) {
		assertStartupFails("tracekit.exporters.traces.type=zipkin",
				"tracekit.exporters.traces.endpoint=zipkin:9411/api/v2/spans");
		assertThat(output).contains("Property: tracekit.exporters.traces.endpoint")
			.contains("must start with http:// or https://, e.g. http://zipkin:9411/api/v2/spans");
	}

	private static void assertStartupFails(String... properties) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] args = java.util.Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new);
		assertThatException().isThrownBy(() -> application.run(args).close());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracekitAutoConfiguration.class)
	static class Minimal {

	}

}
