package dev.tracekit.micrometer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * tracekit behind Spring Boot's Micrometer Tracing and OpenTelemetry auto-configurations: one
 * pipeline, tracekit's, whatever Spring Boot would have added.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracekitMicrometerTracingAutoConfigurationTests {

	// Listed in no particular order: the auto-configuration sorter applies before/after.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetryTracingAutoConfiguration.class,
				OtlpTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, NoopTracerAutoConfiguration.class,
				ObservationAutoConfiguration.class, TracekitMicrometerTracingAutoConfiguration.class,
				TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.exporters.none.type=none", "tracekit.resource.service-name=test");

	@Test
	void springBootsLoggingPipelineIsRemovedWhenThereIsNoLogExporter() {
		this.runner
			.withConfiguration(AutoConfigurations.of(
					org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(io.opentelemetry.sdk.logs.SdkLoggerProvider.class)
				.doesNotHaveBean(io.opentelemetry.sdk.logs.LogRecordProcessor.class));
	}

	@Test
	void withALogExporterSpringBootsLoggingPipelineStaysAndTracekitsOpenTelemetryCarriesIt() {
		this.runner
			.withConfiguration(AutoConfigurations.of(
					org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration.class))
			.withBean(io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter.class,
					io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter::create)
			.run((context) -> {
				io.opentelemetry.sdk.logs.SdkLoggerProvider loggerProvider = context
					.getBean(io.opentelemetry.sdk.logs.SdkLoggerProvider.class);
				context.getBean(OpenTelemetry.class).getLogsBridge().get("test").logRecordBuilder().setBody("hello").emit();
				loggerProvider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(context.getBean(io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter.class)
					.getFinishedLogRecordItems()).extracting((record) -> record.getBodyValue().asString())
					.containsExactly("hello");
			});
	}

	@Test
	void springBootBuildsTheMicrometerBridgeOnTracekitsPipeline() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SdkTracerProvider.class)
				.hasSingleBean(OpenTelemetry.class)
				.hasSingleBean(Tracer.class)
				.hasSingleBean(Propagator.class)
				.hasSingleBean(Sampler.class)
				.hasSingleBean(SpanLimits.class)
				.hasSingleBean(ContextPropagators.class)
				.hasSingleBean(Resource.class)
				.doesNotHaveBean(SpanProcessor.class)
				.doesNotHaveBean(SpanExporter.class)
				.doesNotHaveBean(TextMapPropagator.class);
			assertThat(context.getBeanNamesForType(SdkTracerProvider.class)).containsExactly("tracekitTracerProvider");
			assertThat(context.getBeanNamesForType(OpenTelemetry.class)).containsExactly("tracekitOpenTelemetry");
			assertThat(context.getBeanNamesForType(Sampler.class)).containsExactly("tracekitSampler");
			assertThat(context.getBeanNamesForType(ContextPropagators.class)).containsExactly("tracekitPropagators");
			assertThat(context.getBean(Tracer.class)).isInstanceOf(OtelTracer.class);
			assertThat(context.getBean(SpringBootPipelineBackOff.class).removedBeanNames())
				.contains("otelSpanProcessor", "textMapPropagatorWithBaggage");
		});
	}

	@Test
	void aMicrometerSpanIsExportedOnceThroughTracekit() {
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class).run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span span = tracer.nextSpan().name("micrometer-span").start();
			span.end();
			// Spring Boot's own batch processor, had it joined, would export to the user's exporter a second time.
			assertThat(finishedSpans(context)).singleElement()
				.satisfies((data) -> assertThat(data.getName()).isEqualTo("micrometer-span"));
		});
	}

	@Test
	void anObservationBecomesASpanOfTracekitsProviderWithItsResource() {
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class).run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			Observation.createNotStarted("checkout", registry)
				.contextualName("checkout order")
				.lowCardinalityKeyValue("order.channel", "web")
				.observe(() -> Observation.createNotStarted("reserve", registry).observe(() -> {
				}));
			List<SpanData> spans = finishedSpans(context);
			assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder("checkout order", "reserve");
			SpanData parent = spans.stream().filter((span) -> span.getName().equals("checkout order")).findFirst().get();
			SpanData child = spans.stream().filter((span) -> span.getName().equals("reserve")).findFirst().get();
			assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
			assertThat(parent.getAttributes().asMap()).containsValue("web");
			assertThat(parent.getResource().getAttributes().asMap()).containsValue("test");
		});
	}

	@Test
	void spansOpenedThroughSpanScopesAndObservationsNestBothWays() {
		// What @Traced relies on: a request observation, a method span inside it, a call inside that.
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class).run((context) -> {
			Map<String, SpanData> spans = requestMethodCall(context, context.getBean(SpanScopes.class));
			assertThat(spans.get("method").getParentSpanId()).isEqualTo(spans.get("request").getSpanId());
			assertThat(spans.get("call").getParentSpanId()).isEqualTo(spans.get("method").getSpanId());
		});
	}

	@Test
	void theBridgesObservationContextKeyIsFoundSoScopesSkipItsWithSpan() {
		// Without it every @Traced call takes the bridge's slower path; this says so when a
		// Micrometer Tracing release renames the field.
		assertThat(MicrometerSpanScopes.observationContextKey()).isNotNull();
	}

	@Test
	void throughTheBridgesWithSpanScopesNestTheSameWay() {
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class).run((context) -> {
			SpanScopes throughBridge = new MicrometerSpanScopes(context.getBeanProvider(Tracer.class), null);
			Map<String, SpanData> spans = requestMethodCall(context, throughBridge);
			assertThat(spans.get("method").getParentSpanId()).isEqualTo(spans.get("request").getSpanId());
			assertThat(spans.get("call").getParentSpanId()).isEqualTo(spans.get("method").getSpanId());
		});
	}

	@Test
	void insideTheScopeMicrometersCurrentSpanIsTheSpanAndAfterItTheObservationsAgain() {
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class).run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			Tracer micrometer = context.getBean(Tracer.class);
			SpanScopes scopes = context.getBean(SpanScopes.class);
			io.opentelemetry.api.trace.Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
			List<String> seen = new java.util.ArrayList<>();
			Observation.createNotStarted("request", registry).observe(() -> {
				String request = micrometer.currentSpan().context().spanId();
				io.opentelemetry.api.trace.Span method = tracer.spanBuilder("method").startSpan();
				try (Scope scope = scopes.makeCurrent(method)) {
					seen.add(micrometer.currentSpan().context().spanId().equals(method.getSpanContext().getSpanId())
							? "method" : "other");
					seen.add(io.opentelemetry.api.trace.Span.current() == method ? "method" : "other");
				}
				finally {
					method.end();
				}
				seen.add(micrometer.currentSpan().context().spanId().equals(request) ? "request" : "other");
			});
			assertThat(seen).containsExactly("method", "method", "request");
		});
	}

	@Test
	void aSpanMadeCurrentInACapturedContextIsTheParentOfObservationsAndKeepsItsBaggage() throws Exception {
		// What a Reactor subscription on another thread does with the caller's context.
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class).run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			SpanScopes scopes = context.getBean(SpanScopes.class);
			io.opentelemetry.api.trace.Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
			io.opentelemetry.context.Context caller = io.opentelemetry.api.baggage.Baggage.builder()
				.put("tenant", "acme")
				.build()
				.storeInContext(io.opentelemetry.context.Context.root());
			io.opentelemetry.api.trace.Span method = tracer.spanBuilder("method").setParent(caller).startSpan();
			List<String> baggage = new java.util.ArrayList<>();
			Thread other = new Thread(() -> {
				try (Scope scope = scopes.makeCurrent(caller, method)) {
					baggage.add(io.opentelemetry.api.baggage.Baggage.current().getEntryValue("tenant"));
					Observation.createNotStarted("call", registry).observe(() -> {
					});
				}
				finally {
					method.end();
				}
				baggage.add(String.valueOf(io.opentelemetry.api.baggage.Baggage.current().getEntryValue("tenant")));
			});
			other.start();
			other.join(10_000);
			Map<String, SpanData> spans = new HashMap<>();
			finishedSpans(context).forEach((span) -> spans.put(span.getName(), span));
			assertThat(spans.get("call").getParentSpanId()).isEqualTo(spans.get("method").getSpanId());
			assertThat(baggage).containsExactly("acme", "null");
		});
	}

	@Test
	void aSpanMadeCurrentByOpenTelemetryAloneIsSkippedByObservations() {
		// Micrometer's bridge prefers its own record of the current observation: why SpanScopes exists.
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class).run((context) -> {
			Map<String, SpanData> spans = requestMethodCall(context, SpanScopes.openTelemetry());
			assertThat(spans.get("method").getParentSpanId()).isEqualTo(spans.get("request").getSpanId());
			assertThat(spans.get("call").getParentSpanId()).isEqualTo(spans.get("request").getSpanId());
		});
	}

	@Test
	void withoutMicrometerTracingSpanScopesIsOpenTelemetrys() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracekitMicrometerTracingAutoConfiguration.class,
					TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.none.type=none")
			.withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
			.run((context) -> assertThat(context).hasSingleBean(SpanScopes.class)
				.getBean(SpanScopes.class)
				.isNotInstanceOf(MicrometerSpanScopes.class));
	}

	private static Map<String, SpanData> requestMethodCall(ApplicationContext context, SpanScopes scopes) {
		ObservationRegistry registry = context.getBean(ObservationRegistry.class);
		io.opentelemetry.api.trace.Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
		Observation.createNotStarted("request", registry).observe(() -> {
			io.opentelemetry.api.trace.Span method = tracer.spanBuilder("method").startSpan();
			try (Scope scope = scopes.makeCurrent(method)) {
				Observation.createNotStarted("call", registry).observe(() -> {
				});
			}
			finally {
				method.end();
			}
		});
		Map<String, SpanData> spans = new HashMap<>();
		finishedSpans(context).forEach((span) -> spans.put(span.getName(), span));
		assertThat(spans).containsOnlyKeys("request", "method", "call");
		return spans;
	}

	@Test
	void aScheduledTaskIsASpan() {
		this.runner.withConfiguration(AutoConfigurations.of(ScheduledTasksObservationAutoConfiguration.class))
			.withUserConfiguration(InMemoryExporterConfiguration.class, ScheduledTaskConfiguration.class)
			.run((context) -> await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(finishedSpans(context)).extracting(SpanData::getName)
					.contains("task scheduledTaskConfiguration.tick")));
	}

	@Test
	void theMicrometerPropagatorInjectsWithTracekitsPropagators() {
		this.runner.withPropertyValues("tracekit.propagators=b3multi", "management.tracing.propagation.type=w3c")
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				Propagator propagator = context.getBean(Propagator.class);
				Span span = tracer.nextSpan().name("outgoing").start();
				Map<String, String> headers = new HashMap<>();
				propagator.inject(span.context(), headers, Map::put);
				span.end();
				assertThat(headers).containsKeys("X-B3-TraceId", "X-B3-SpanId").doesNotContainKey("traceparent");
				assertThat(headers.get("X-B3-TraceId")).isEqualTo(span.context().traceId());
			});
	}

	@Test
	void theMicrometerPropagatorExtractsWithTracekitsPropagators() {
		this.runner.run((context) -> {
			Propagator propagator = context.getBean(Propagator.class);
			Map<String, String> headers = Map.of("traceparent",
					"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
			Span span = propagator.extract(headers, Map::get).name("incoming").start();
			span.end();
			assertThat(span.context().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
			assertThat(span.context().parentId()).isEqualTo("b7ad6b7169203331");
		});
	}

	@Test
	void springBootsOtlpEndpointBuildsNoSecondExporter() {
		this.runner
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://localhost:4318/v1/traces",
					"management.opentelemetry.tracing.export.otlp.transport=grpc")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SpanExporter.class);
				assertThat(context.getBean(SpringBootPipelineBackOff.class).removedBeanNames())
					.contains("otlpGrpcSpanExporter");
			});
	}

	@Test
	void aUserSpanExporterStays() {
		this.runner.withUserConfiguration(InMemoryExporterConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SpanExporter.class));
	}

	@Test
	void overriddenManagementSettingsAreReportedWithTheirReplacement(CapturedOutput output) {
		this.runner
			.withPropertyValues("management.tracing.sampling.probability=0.5",
					"management.opentelemetry.tracing.export.otlp.endpoint=http://collector:4318/v1/traces",
					"management.opentelemetry.tracing.export.otlp.headers.api-key=s3cr3t",
					"management.tracing.propagation.type=b3")
			.run((context) -> {
				assertThat(context.getBean(OverriddenManagementProperties.class).warnings()).satisfiesExactlyInAnyOrder(
						(warning) -> assertThat(warning).contains("'management.tracing.sampling.probability'")
							.contains("use tracekit.sampler.type and tracekit.sampler.ratio instead"),
						(warning) -> assertThat(warning)
							.contains("'management.opentelemetry.tracing.export.otlp.endpoint'")
							.contains("use tracekit.exporters.<name>.endpoint instead"),
						(warning) -> assertThat(warning)
							.contains("'management.opentelemetry.tracing.export.otlp.headers.api-key'")
							.contains("use tracekit.exporters.<name>.headers.* instead"),
						(warning) -> assertThat(warning).contains("'management.tracing.propagation.type'")
							.contains("use tracekit.propagators instead"));
				assertThat(output).contains("WARN")
					.contains("'management.tracing.sampling.probability' (\"management.tracing.sampling.probability\" from property source \"test\") has no effect")
					.doesNotContain("s3cr3t");
			});
	}

	@Test
	void settingsTracekitDoesNotReplaceAreNotReported() {
		this.runner
			.withPropertyValues("management.tracing.baggage.remote-fields=tenant",
					"management.observations.annotations.enabled=true", "management.tracing.export.zipkin.enabled=false")
			.run((context) -> assertThat(context.getBean(OverriddenManagementProperties.class).warnings()).isEmpty());
	}

	@Test
	void otelVariablesMappedBySpringBootAreNotReported() {
		// Spring Boot maps OTEL_* variables into this property source; tracekit reads them itself.
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("openTelemetryEnvironmentVariables",
						Map.of("management.opentelemetry.tracing.export.otlp.endpoint", "http://collector:4318"))))
			.run((context) -> assertThat(context.getBean(OverriddenManagementProperties.class).warnings()).isEmpty());
	}

	@Test
	void whenTracekitIsDisabledSpringBootBuildsNoSdkEither() {
		this.runner.withPropertyValues("tracekit.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(SdkTracerProvider.class)
				.doesNotHaveBean(SpanProcessor.class)
				.doesNotHaveBean(Sampler.class)
				.doesNotHaveBean(OverriddenManagementProperties.class)
				.hasSingleBean(OpenTelemetry.class)
				.hasSingleBean(Tracer.class);
			assertThat(context.getBean(OpenTelemetry.class)).isNotInstanceOf(OpenTelemetrySdk.class);
		});
	}

	@Test
	void withoutSpringBootsTracingModuleNothingIsRemoved() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracekitMicrometerTracingAutoConfiguration.class,
					TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.none.type=none")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.tracing"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpringBootPipelineBackOff.class)
				.hasSingleBean(SdkTracerProvider.class)
				.hasSingleBean(OverriddenManagementProperties.class));
	}

	private static List<SpanData> finishedSpans(ApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ScheduledTaskConfiguration {

		@Scheduled(fixedDelay = 100)
		void tick() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryExporterConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
