package dev.tracekit.opentracing;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tracekit.annotation.Traced;
import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import dev.tracekit.traced.TracedAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentracing.Scope;
import io.opentracing.Span;
import io.opentracing.SpanContext;
import io.opentracing.Tracer;
import io.opentracing.noop.NoopTracerFactory;
import io.opentracing.propagation.Format;
import io.opentracing.propagation.TextMapAdapter;
import io.opentracing.util.GlobalTracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code written against OpenTracing, traced through tracekit's pipeline to a real receiver: one
 * trace with tracekit's own spans, and tracekit's propagators for inject and extract.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenTracingAutoConfigurationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private ApplicationContextRunner runner;

	@BeforeEach
	void start() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class, TracedAutoConfiguration.class,
					OpenTracingAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.test.processor.type=simple", "tracekit.resource.service-name=legacy",
					"tracekit.register-global=false");
	}

	@Test
	void anOpenTracingSpanTravelsThroughTracekitsPipeline() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Tracer.class);
			context.getBean(Tracer.class).buildSpan("legacy-work").withTag("order.id", "o-1").start().finish();
			context.close();
			assertThat(this.receiver.spans()).singleElement().satisfies((span) -> {
				assertThat(span.name()).isEqualTo("legacy-work");
				assertThat(span.attributes()).containsEntry("order.id", "o-1");
				assertThat(span.resource()).containsEntry("service.name", "legacy");
			});
		});
	}

	@Test
	void openTracingAndTracekitSpansNestInOneTraceBothWays() {
		this.runner.withUserConfiguration(Fixtures.class).run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span outer = tracer.buildSpan("ot-outer").start();
			try (Scope scope = tracer.activateSpan(outer)) {
				// ot-outer -> @Traced Inventory.reserve -> ot-inner, and ot-outer -> otel-child -> ot-under-otel
				context.getBean(Inventory.class).reserve();
				io.opentelemetry.api.trace.Span otel = context.getBean(OpenTelemetry.class)
					.getTracer("test")
					.spanBuilder("otel-child")
					.startSpan();
				try (io.opentelemetry.context.Scope otelScope = otel.makeCurrent()) {
					assertThat(tracer.activeSpan().context().toSpanId()).isEqualTo(otel.getSpanContext().getSpanId());
					tracer.buildSpan("ot-under-otel").start().finish();
				}
				finally {
					otel.end();
				}
			}
			finally {
				outer.finish();
			}
			context.close();
			List<ReceivedSpan> spans = this.receiver.spans();
			assertThat(spans).hasSize(5).allSatisfy((span) -> assertThat(span.traceId()).isEqualTo(spans.get(0).traceId()));
			ReceivedSpan otOuter = named(spans, "ot-outer");
			assertThat(otOuter.parentSpanId()).isEmpty();
			ReceivedSpan traced = named(spans, "Inventory.reserve");
			assertThat(traced.parentSpanId()).isEqualTo(otOuter.spanId());
			assertThat(named(spans, "ot-inner").parentSpanId()).isEqualTo(traced.spanId());
			ReceivedSpan otelChild = named(spans, "otel-child");
			assertThat(otelChild.parentSpanId()).isEqualTo(otOuter.spanId());
			assertThat(named(spans, "ot-under-otel").parentSpanId()).isEqualTo(otelChild.spanId());
		});
	}

	@Test
	void extractReadsAW3cTraceparentAndInjectWritesOne() {
		this.runner.run((context) -> {
			Map<String, String> outgoing = new HashMap<>();
			ReceivedSpan handled = handle(context,
					Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01"), outgoing);
			assertThat(outgoing).containsEntry("traceparent", "00-" + TRACE_ID + "-" + handled.spanId() + "-01");
		});
	}

	@Test
	void withB3ConfiguredExtractAndInjectUseB3() {
		this.runner.withPropertyValues("tracekit.propagators=b3multi").run((context) -> {
			Map<String, String> outgoing = new HashMap<>();
			ReceivedSpan handled = handle(context,
					Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", PARENT_ID, "X-B3-Sampled", "1"), outgoing);
			assertThat(outgoing).containsEntry("X-B3-TraceId", TRACE_ID)
				.containsEntry("X-B3-SpanId", handled.spanId())
				.doesNotContainKey("traceparent");
		});
	}

	// A service written against OpenTracing: extracts the caller's context, works in a child span of
	// it and injects that span into its own outgoing request's headers.
	private ReceivedSpan handle(ConfigurableApplicationContext context, Map<String, String> incoming,
			Map<String, String> outgoing) {
		Tracer tracer = context.getBean(Tracer.class);
		SpanContext remote = tracer.extract(Format.Builtin.HTTP_HEADERS, new TextMapAdapter(incoming));
		assertThat(remote.toTraceId()).isEqualTo(TRACE_ID);
		Span server = tracer.buildSpan("handle").asChildOf(remote).start();
		tracer.inject(server.context(), Format.Builtin.HTTP_HEADERS, new TextMapAdapter(outgoing));
		server.finish();
		context.close();
		ReceivedSpan received = named(this.receiver.spans(), "handle");
		assertThat(received.traceId()).isEqualTo(TRACE_ID);
		assertThat(received.parentSpanId()).isEqualTo(PARENT_ID);
		return received;
	}

	@Test
	void globalTracerTracesThroughTheRunningContextOnlyAndEachNewContextTakesItOver() {
		this.runner.withPropertyValues("tracekit.resource.service-name=first").run((context) -> {
			assertThat(context.getBean(GlobalTracerRegistration.class).isRegistered()).isTrue();
			GlobalTracer.get().buildSpan("via-global-1").start().finish();
			context.close();
			GlobalTracer.get().buildSpan("while-no-context-runs").start().finish();
		});
		this.runner.withPropertyValues("tracekit.resource.service-name=second").run((context) -> {
			GlobalTracer.get().buildSpan("via-global-2").start().finish();
			context.close();
		});
		assertThat(GlobalTracer.isRegistered()).isTrue();
		assertThat(this.receiver.spans()).extracting(ReceivedSpan::name, (span) -> span.resource().get("service.name"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("via-global-1", "first"),
					org.assertj.core.groups.Tuple.tuple("via-global-2", "second"));
	}

	@Test
	void aGlobalTracerRegisteredByAnotherComponentStaysAndIsReportedWithoutAStackTrace(CapturedOutput output)
			throws Exception {
		resetGlobalTracer();
		try {
			GlobalTracer.registerIfAbsent(NoopTracerFactory.create());
			this.runner.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Tracer.class);
				assertThat(context.getBean(GlobalTracerRegistration.class).isRegistered()).isFalse();
			});
			assertThat(output).contains("tracekit: OpenTracing's GlobalTracer already holds a tracer that something"
					+ " else registered")
				.contains("set tracekit.opentracing.register-global-tracer=false")
				.doesNotContain("Exception")
				.doesNotContain("\tat ");
		}
		finally {
			resetGlobalTracer();
		}
	}

	@Test
	void withoutTheShimOpenTracingCodeGetsAWarningRatherThanASilentNoOp(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(OpenTracingShim.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(Tracer.class);
			assertThat(output).contains("opentracing-api is on the classpath but opentelemetry-opentracing-shim is not")
				.contains("io.opentelemetry:opentelemetry-opentracing-shim");
		});
	}

	@Test
	void aUserTracerReplacesTracekitsAndTheBridgeCanBeTurnedOff() {
		this.runner.withBean("userTracer", Tracer.class, NoopTracerFactory::create)
			.withPropertyValues("tracekit.opentracing.register-global-tracer=false")
			.run((context) -> assertThat(context).hasSingleBean(Tracer.class)
				.hasBean("userTracer")
				.doesNotHaveBean(GlobalTracerRegistration.class));
		this.runner.withPropertyValues("tracekit.opentracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Tracer.class)
				.doesNotHaveBean(GlobalTracerRegistration.class));
	}

	private static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	// GlobalTracer has no reset; these tests need one, as OpenTracing's own tests do.
	private static void resetGlobalTracer() throws ReflectiveOperationException {
		Field tracer = GlobalTracer.class.getDeclaredField("tracer");
		tracer.setAccessible(true);
		tracer.set(null, NoopTracerFactory.create());
		Field registered = GlobalTracer.class.getDeclaredField("isRegistered");
		registered.setAccessible(true);
		registered.set(null, false);
		GlobalTracerRegistration.forgetRegistrationForTest();
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		Inventory inventory(Tracer tracer) {
			return new Inventory(tracer);
		}

	}

	static class Inventory {

		private final Tracer tracer;

		Inventory(Tracer tracer) {
			this.tracer = tracer;
		}

		@Traced
		public void reserve() {
			this.tracer.buildSpan("ot-inner").start().finish();
		}

	}

}
