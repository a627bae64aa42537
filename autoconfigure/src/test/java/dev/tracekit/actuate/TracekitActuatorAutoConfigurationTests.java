package dev.tracekit.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.tracekit.actuate.ExporterStatus.LastFailure;
import dev.tracekit.actuate.TracekitEndpoint.PipelineReport;
import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.spool.SpoolStatistics;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator side of export health, against a real OTLP receiver that goes down, comes back or
 * refuses credentials: the {@code tracing} health indicator, the {@code tracekit} endpoint and the
 * meters, and when each of them is (not) there.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracekitActuatorAutoConfigurationTests {

	private static final Duration EXPORT_WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private ApplicationContextRunner runner;

	@BeforeEach
	void start() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TracekitAutoConfiguration.class, TracekitActuatorAutoConfiguration.class))
			.withPropertyValues("tracekit.resource.service-name=actuator-test",
					"tracekit.exporters.collector.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.collector.retry=false",
					"tracekit.exporters.collector.processor.schedule-delay=50ms",
					"tracekit.lifecycle.flush-timeout=2s", "tracekit.lifecycle.shutdown-timeout=2s");
	}

	@Test
	void theHealthIsUpBeforeAnySpanIsExported() {
		this.runner.run((context) -> {
			Health health = tracingHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(exporters(health)).containsOnlyKeys("collector");
			ExporterStatus collector = exporters(health).get("collector");
			assertThat(collector.description()).contains(this.receiver.grpcEndpoint());
			assertThat(collector.exported()).isZero();
			// max-queue-size (2048) for each of the four exports at once.
			assertThat(collector.queueCapacity()).isEqualTo(4 * 2048);
			assertThat(collector.lastFailure()).isNull();
		});
	}

	@Test
	void theHealthIsDownWhileTheReceiverIsDownAndUpAgainOnceAnExportSucceeds() {
		this.receiver.stop();
		this.runner.run((context) -> {
			Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
			ExportStatistics statistics = statistics(context);
			for (int batch = 1; batch <= 2; batch++) {
				tracer.spanBuilder("while-down").startSpan().end();
				int failed = batch;
				await().atMost(EXPORT_WAIT).until(() -> statistics.failed() == failed);
			}
			Health down = tracingHealth(context);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			ExporterStatus failing = exporters(down).get("collector");
			assertThat(failing.failed()).isEqualTo(2);
			assertThat(failing.exported()).isZero();
			assertThat(failing.consecutiveFailedExports()).isEqualTo(2);
			LastFailure lastFailure = failing.lastFailure();
			assertThat(lastFailure).isNotNull();
			assertThat(lastFailure.cause()).isNotBlank().isEqualTo(statistics.lastFailure().cause());
			assertThat(lastFailure.time()).isEqualTo(statistics.lastFailure().time().toString());
			assertThat(lastFailure.rejectedCredentials()).isFalse();

			this.receiver.restart();
			tracer.spanBuilder("after-recovery").startSpan().end();
			await().atMost(EXPORT_WAIT).until(() -> statistics.exported() == 1);
			Health up = tracingHealth(context);
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			ExporterStatus recovered = exporters(up).get("collector");
			assertThat(recovered.exported()).isEqualTo(1);
			assertThat(recovered.failed()).isEqualTo(2);
			assertThat(recovered.consecutiveFailedExports()).isZero();
			// The last failure stays visible after recovery: it tells what happened and when.
			assertThat(recovered.lastFailure()).isEqualTo(lastFailure);
		});
	}

	@Test
	void aReceiverThatRejectsTheCredentialsIsReportedAsSuch() {
		this.receiver.setFault(Fault.UNAUTHENTICATED);
		this.runner.withPropertyValues("tracekit.exporters.collector.headers.api-key=wrong-key").run((context) -> {
			ExportStatistics statistics = statistics(context);
			context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("denied").startSpan().end();
			await().atMost(EXPORT_WAIT).until(() -> statistics.failed() == 1);
			Health health = tracingHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(exporters(health).get("collector").lastFailure().rejectedCredentials()).isTrue();
			assertThat(health.toString()).doesNotContain("wrong-key");
		});
	}

	@Test
	void theHealthIndicatorIsDisabledTheSpringBootWay() {
		this.runner.withPropertyValues("management.health.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("tracingHealthIndicator"));
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("tracingHealthIndicator"));
	}

	@Test
	void theEndpointIsThereOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TracekitEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=tracekit")
			.run((context) -> assertThat(context).hasSingleBean(TracekitEndpoint.class));
	}

	@Test
	void theEndpointShowsTheEffectivePipelineAndTheCounters() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=tracekit",
					"tracekit.exporters.collector.headers.api-key=endpoint-secret")
			.run((context) -> {
				ExportStatistics statistics = statistics(context);
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				for (int i = 0; i < 3; i++) {
					tracer.spanBuilder("span-" + i).startSpan().end();
				}
				await().atMost(EXPORT_WAIT).until(() -> statistics.exported() == 3);
				TracekitEndpoint endpoint = context.getBean(TracekitEndpoint.class);
				PipelineReport report = endpoint.pipeline();
				assertThat(report.serviceName()).isEqualTo("actuator-test");
				assertThat(report.resourceKeys()).contains("service.name");
				assertThat(report.sampler()).contains("AlwaysOnSampler");
				assertThat(report.limitsChanged()).isEmpty();
				assertThat(report.propagatorFields()).contains("traceparent", "baggage");
				assertThat(report.exporters()).containsOnlyKeys("collector");
				ExporterStatus collector = report.exporters().get("collector");
				assertThat(collector.description()).contains(this.receiver.grpcEndpoint());
				assertThat(collector.accepted()).isEqualTo(3);
				assertThat(collector.exported()).isEqualTo(3);
				assertThat(collector.failed()).isZero();
				assertThat(endpoint.exporter("collector")).isEqualTo(collector);
				assertThat(endpoint.exporter("unknown")).isNull();
				assertThat(report.toString()).doesNotContain("endpoint-secret");
			});
	}

	@Test
	void theMetersEqualTheStatistics() {
		this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("tracekit.exporters.collector.processor.max-queue-size=512")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ExportStatistics statistics = statistics(context);
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				for (int i = 0; i < 5; i++) {
					tracer.spanBuilder("span-" + i).startSpan().end();
				}
				await().atMost(EXPORT_WAIT).until(() -> statistics.exported() == 5);
				this.receiver.stop();
				tracer.spanBuilder("while-down").startSpan().end();
				await().atMost(EXPORT_WAIT).until(() -> statistics.failed() == 1);

				assertThat(counter(registry, "tracekit.spans.exported")).isEqualTo(5).isEqualTo(statistics.exported());
				assertThat(counter(registry, "tracekit.spans.failed")).isEqualTo(1).isEqualTo(statistics.failed());
				assertThat(registry.get("tracekit.spans.dropped")
					.tags("exporter", "collector", "reason", "queue_full")
					.functionCounter()
					.count()).isZero();
				assertThat(gauge(registry, "tracekit.queue.size")).isEqualTo(statistics.queueSize());
				assertThat(gauge(registry, "tracekit.queue.capacity")).isEqualTo(4 * 512);
				assertThat(registry.get("tracekit.spans.exported").functionCounter().getId().getBaseUnit())
					.isEqualTo("spans");
				assertThat(registry.get("tracekit.queue.size").gauge().getId().getDescription()).isNotBlank();
			});
	}

	@Test
	void aSpoolShowsInTheHealthTheEndpointAndTheMeters(@TempDir Path spoolDirectory, CapturedOutput output) {
		this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("tracekit.diagnostics.startup-report=true",
					"management.endpoints.web.exposure.include=tracekit",
					"tracekit.exporters.collector.spool.enabled=true",
					"tracekit.exporters.collector.spool.directory=" + spoolDirectory,
					"tracekit.exporters.collector.spool.max-size=64MB")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ExportStatistics statistics = statistics(context);
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				this.receiver.stop();
				for (int i = 0; i < 5; i++) {
					tracer.spanBuilder("while-down-" + i).startSpan().end();
				}
				SpoolStatistics spool = statistics.spool();
				assertThat(spool).isNotNull();
				await().atMost(EXPORT_WAIT).until(() -> spool.spooled() == 5);
				ExporterStatus.Spool status = exporters(tracingHealth(context)).get("collector").spool();
				assertThat(status).isNotNull();
				assertThat(status.available()).isTrue();
				assertThat(status.spooled()).isEqualTo(5);
				assertThat(status.pendingSpans()).isEqualTo(5);
				ExporterStatus collector = context.getBean(TracekitEndpoint.class).exporter("collector");
				assertThat(collector).isNotNull();
				assertThat(collector.description()).contains("spool " + spoolDirectory, "max-size 64MB", "max-age 24h");
				assertThat(collector.spool()).isNotNull();
				assertThat(counter(registry, "tracekit.spool.spooled")).isEqualTo(5);
				assertThat(gauge(registry, "tracekit.spool.pending")).isEqualTo(5);
				this.receiver.restart();
				await().atMost(Duration.ofSeconds(30)).until(() -> spool.replayed() == 5);
				assertThat(counter(registry, "tracekit.spool.replayed")).isEqualTo(5);
				assertThat(counter(registry, "tracekit.spool.expired")).isZero();
				assertThat(registry.get("tracekit.spool.corrupt").functionCounter().count()).isZero();
				assertThat(gauge(registry, "tracekit.spool.pending")).isZero();
				assertThat(tracingHealth(context).getStatus()).isEqualTo(Status.UP);
			});
		assertThat(output).contains("spool " + spoolDirectory + " (max-size 64MB, max-age 24h)");
	}

	@Test
	void aPipelineWithoutAQueueHasNoQueueMeters() {
		this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("tracekit.exporters.collector.processor.type=simple")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("tracekit.spans.exported").functionCounter()).isNotNull();
				assertThat(registry.find("tracekit.spans.dropped").meter()).isNull();
				assertThat(registry.find("tracekit.queue.size").meter()).isNull();
			});
	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ExportPipelineMetrics.class));
	}

	@Test
	void nothingIsAddedWhenTracingIsDisabled() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("tracekit.enabled=false", "management.endpoints.web.exposure.include=tracekit")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TracingHealthIndicator.class)
				.doesNotHaveBean(TracekitEndpoint.class)
				.doesNotHaveBean(ExportPipelineMetrics.class));
	}

	@Test
	void nothingIsAddedForTheApplicationsOwnTracerProvider() {
		this.runner.withUserConfiguration(OwnTracerProviderConfiguration.class)
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ExportPipelines.class)
				.doesNotHaveBean(TracingHealthIndicator.class)
				.doesNotHaveBean(ExportPipelineMetrics.class));
	}

	@Test
	void withoutActuatorAndMicrometerTheRestOfTracekitStillStarts() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health.",
					"org.springframework.boot.actuate.", "io.micrometer."))
			.withPropertyValues("management.endpoints.web.exposure.include=tracekit")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ExportPipelines.class)
				.doesNotHaveBean(HealthIndicator.class)
				.doesNotHaveBean(TracekitEndpoint.class)
				.doesNotHaveBean(ExportPipelineMetrics.class)
				.doesNotHaveBean(ObservationPredicate.class));
	}

	@Test
	void actuatorRequestsAreKeptOutOfTracesInServletAndReactiveApplications() {
		AutoConfigurations configurations = AutoConfigurations.of(TracekitAutoConfiguration.class,
				TracekitActuatorAutoConfiguration.class);
		String exporter = "tracekit.exporters.collector.endpoint=" + this.receiver.grpcEndpoint();
		new WebApplicationContextRunner().withConfiguration(configurations)
			.withPropertyValues(exporter)
			.run((context) -> assertThat(context).getBean(ObservationPredicate.class)
				.isInstanceOf(ServletActuatorRequestsObservationPredicate.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(configurations)
			.withPropertyValues(exporter)
			.run((context) -> assertThat(context).getBean(ObservationPredicate.class)
				.isInstanceOf(ReactiveActuatorRequestsObservationPredicate.class));
		new WebApplicationContextRunner().withConfiguration(configurations)
			.withPropertyValues(exporter, "tracekit.actuator.trace-requests=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ObservationPredicate.class));
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ObservationPredicate.class));
	}

	static ExportStatistics statistics(AssertableApplicationContext context) {
		return context.getBean(ExportPipelines.class).get("collector").orElseThrow().statistics();
	}

	static Health tracingHealth(AssertableApplicationContext context) {
		return context.getBean("tracingHealthIndicator", HealthIndicator.class).health();
	}

	@SuppressWarnings("unchecked")
	static Map<String, ExporterStatus> exporters(Health health) {
		return (Map<String, ExporterStatus>) health.getDetails().get("exporters");
	}

	private static double counter(MeterRegistry registry, String name) {
		return registry.get(name).tag("exporter", "collector").functionCounter().count();
	}

	private static double gauge(MeterRegistry registry, String name) {
		return registry.get(name).tag("exporter", "collector").gauge().value();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTracerProviderConfiguration {

		@Bean
		io.opentelemetry.sdk.trace.SdkTracerProvider applicationTracerProvider() {
			return io.opentelemetry.sdk.trace.SdkTracerProvider.builder().build();
		}

	}

}
