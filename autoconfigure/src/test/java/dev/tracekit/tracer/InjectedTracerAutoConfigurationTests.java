package dev.tracekit.tracer;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracekit.annotation.TracerName;
import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.micrometer.TracekitMicrometerTracingAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenTelemetry {@link Tracer} injected into a bean is named after the bean's class (or by
 * {@link TracerName}), carries the application's version, and makes spans of tracekit's pipeline.
 */
class InjectedTracerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TracekitAutoConfiguration.class, InjectedTracerAutoConfiguration.class))
		.withPropertyValues("tracekit.exporters.test.type=none", "tracekit.register-global=false",
				"tracekit.resource.service-name=tracer-tests", "tracekit.resource.service-version=2.4.0")
		.withBean("spans", InMemorySpanExporter.class, InMemorySpanExporter::create);

	@Test
	void aTracerInjectedIntoAConstructorIsNamedAfterTheClassWithTheApplicationsVersion() {
		this.runner.withUserConfiguration(Injections.class).run((context) -> {
			context.getBean(ConstructorInjected.class).tracer.spanBuilder("work").startSpan().end();
			assertThat(scope(context, "work"))
				.isEqualTo(InstrumentationScopeInfo.builder(ConstructorInjected.class.getName())
					.setVersion("2.4.0")
					.build());
		});
	}

	@Test
	void fieldAndMethodInjectionAreNamedAfterTheClassTheyAreInjectedInto() {
		this.runner.withUserConfiguration(Injections.class).run((context) -> {
			assertThat(name(context.getBean(FieldInjected.class).tracer)).isEqualTo(FieldInjected.class.getName());
			assertThat(name(context.getBean(MethodInjected.class).tracer)).isEqualTo(MethodInjected.class.getName());
			assertThat(name(context.getBean(FieldInjected.class).provider.getObject()))
				.isEqualTo(FieldInjected.class.getName());
		});
	}

	@Test
	void aSuperclassFieldIsNamedAfterItsDeclaringClassAndASuperclassSetterAfterTheBeanClass() {
		this.runner.withUserConfiguration(Injections.class).run((context) -> {
			InheritingService service = context.getBean(InheritingService.class);
			assertThat(name(service.tracer)).isEqualTo(TracedService.class.getName());
			assertThat(name(service.setterTracer)).isEqualTo(InheritingService.class.getName());
		});
	}

	@Test
	void aBeanMethodParameterIsNamedAfterItsConfigurationClass() {
		this.runner.withUserConfiguration(Injections.class).run((context) -> {
			assertThat(name(context.getBean(Holder.class).tracer())).isEqualTo(Injections.class.getName());
		});
	}

	@Test
	void tracerNameNamesTheTracerOtherwiseAndKeepsTheVersion() {
		this.runner.withUserConfiguration(Injections.class).run((context) -> {
			Named named = context.getBean(Named.class);
			named.byConstructor.spanBuilder("by-constructor").startSpan().end();
			named.byField.spanBuilder("by-field").startSpan().end();
			assertThat(scope(context, "by-constructor"))
				.isEqualTo(InstrumentationScopeInfo.builder("payments").setVersion("2.4.0").build());
			assertThat(scope(context, "by-field").getName()).isEqualTo("ledger");
		});
	}

	@Test
	void everyInjectionIntoOneClassSharesTheTracerTheSdkCached() {
		this.runner.withUserConfiguration(Injections.class).run((context) -> {
			FieldInjected fieldInjected = context.getBean(FieldInjected.class);
			assertThat(fieldInjected.tracer).isSameAs(fieldInjected.again);
			assertThat(fieldInjected.tracer).isNotSameAs(context.getBean(MethodInjected.class).tracer);
		});
	}

	@Test
	void withoutAnApplicationVersionTheTracerHasNone() {
		this.runner.withPropertyValues("tracekit.resource.service-version=")
			.withUserConfiguration(Injections.class)
			.run((context) -> {
				context.getBean(ConstructorInjected.class).tracer.spanBuilder("work").startSpan().end();
				assertThat(scope(context, "work").getVersion()).isNull();
			});
	}

	@Test
	void aTracerBeanOfTheApplicationIsInjectedInstead() {
		Tracer own = io.opentelemetry.api.OpenTelemetry.noop().getTracer("own");
		this.runner.withBean("ownTracer", Tracer.class, () -> own)
			.withUserConfiguration(Injections.class)
			.run((context) -> {
				assertThat(context.getBean(ConstructorInjected.class).tracer).isSameAs(own);
				assertThat(context).doesNotHaveBean(InjectedTracers.class);
			});
	}

	@Test
	void withTracekitDisabledAnInjectedTracerIsANoop() {
		this.runner.withPropertyValues("tracekit.enabled=false")
			.withUserConfiguration(Injections.class)
			.run((context) -> {
				Span span = context.getBean(ConstructorInjected.class).tracer.spanBuilder("work").startSpan();
				assertThat(span.isRecording()).isFalse();
				span.end();
			});
	}

	@Test
	void springBootsMicrometerBridgeKeepsItsOwnScopeBesideInjectedTracers() {
		this.runner
			.withConfiguration(AutoConfigurations.of(OpenTelemetryTracingAutoConfiguration.class,
					OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
					ObservationAutoConfiguration.class, TracekitMicrometerTracingAutoConfiguration.class))
			.withUserConfiguration(Injections.class)
			.run((context) -> {
				Observation.createNotStarted("checkout", context.getBean(ObservationRegistry.class)).observe(() -> {
				});
				context.getBean(ConstructorInjected.class).tracer.spanBuilder("work").startSpan().end();
				assertThat(scope(context, "checkout"))
					.isEqualTo(InstrumentationScopeInfo.builder("org.springframework.boot")
						.setVersion(SpringBootVersion.getVersion())
						.build());
				assertThat(scope(context, "work").getName()).isEqualTo(ConstructorInjected.class.getName());
			});
	}

	@Test
	void spansOfAnInjectedTracerAreExportedThroughTracekitsPipeline() {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			this.runner.withPropertyValues("tracekit.exporters.test.type=otlp",
					"tracekit.exporters.test.endpoint=" + receiver.grpcEndpoint())
				.withUserConfiguration(Injections.class)
				.run((context) -> {
					Tracer tracer = context.getBean(ConstructorInjected.class).tracer;
					Span parent = tracer.spanBuilder("settle").startSpan();
					try (var scope = parent.makeCurrent()) {
						tracer.spanBuilder("charge").startSpan().end();
					}
					parent.end();
					context.close();
					List<ReceivedSpan> spans = receiver.spans();
					assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("charge", "settle");
					assertThat(spans).allSatisfy((span) -> {
						assertThat(span.scopeName()).isEqualTo(ConstructorInjected.class.getName());
						assertThat(span.scopeVersion()).isEqualTo("2.4.0");
						assertThat(span.resource()).containsEntry("service.name", "tracer-tests");
					});
					assertThat(spans).filteredOn((span) -> span.name().equals("charge"))
						.singleElement()
						.satisfies((charge) -> assertThat(charge.parentSpanId()).isEqualTo(parent.getSpanContext().getSpanId()));
				});
		}
	}

	private static String name(Tracer tracer) {
		Span span = tracer.spanBuilder("probe").startSpan();
		span.end();
		return ((io.opentelemetry.sdk.trace.ReadableSpan) span).getInstrumentationScopeInfo().getName();
	}

	private static InstrumentationScopeInfo scope(ApplicationContext context, String spanName) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class)
			.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(spanName))
			.map(SpanData::getInstrumentationScopeInfo)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span named " + spanName));
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ ConstructorInjected.class, FieldInjected.class, MethodInjected.class, InheritingService.class,
			Named.class })
	static class Injections {

		@Bean
		Holder holder(Tracer tracer) {
			return new Holder(tracer);
		}

	}

	record Holder(Tracer tracer) {

	}

	static class ConstructorInjected {

		final Tracer tracer;

		ConstructorInjected(Tracer tracer) {
			this.tracer = tracer;
		}

	}

	static class FieldInjected {

		@Autowired
		Tracer tracer;

		@Autowired
		Tracer again;

		@Autowired
		ObjectProvider<Tracer> provider;

	}

	static class MethodInjected {

		Tracer tracer;

		@Autowired
		void setTracer(Tracer tracer) {
			this.tracer = tracer;
		}

	}

	abstract static class TracedService {

		@Autowired
		Tracer tracer;

		Tracer setterTracer;

		@Autowired
		void setSetterTracer(Tracer tracer) {
			this.setterTracer = tracer;
		}

	}

	static class InheritingService extends TracedService {

	}

	static class Named {

		final Tracer byConstructor;

		@Autowired
		@TracerName("ledger")
		Tracer byField;

		Named(@TracerName("payments") Tracer byConstructor) {
			this.byConstructor = byConstructor;
		}

	}

}
