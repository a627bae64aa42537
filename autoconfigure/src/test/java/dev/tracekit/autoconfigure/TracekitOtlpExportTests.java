package dev.tracekit.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.Protocol;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedRequest;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: spans built by a real context travel over OTLP to a real receiver on loopback, and
 * each setting shows in what arrives.
 */
class TracekitOtlpExportTests {

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class));


	private String[] exporterTo(Protocol protocol, String... more) {
		return exporterTo((protocol == Protocol.GRPC) ? "grpc" : "http/protobuf", null, more);
	}

	private String[] exporterTo(String protocol, String sender, String... more) {
		String endpoint = protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
		List<String> properties = new java.util.ArrayList<>(List.of("tracekit.exporters.test.endpoint=" + endpoint,
				"tracekit.exporters.test.protocol=" + protocol));
		if (sender != null) {
			properties.add("tracekit.exporters.test.sender=" + sender);
		}
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private static Protocol received(String protocol) {
		return protocol.equals("grpc") ? Protocol.GRPC : Protocol.HTTP;
	}

	private static void endSpans(ConfigurableApplicationContext context, int count) {
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void spansArriveWithTheResourceFromTheProperties(String protocol, String sender) {
		this.runner
			.withPropertyValues(exporterTo(protocol, sender, "tracekit.resource.service-name=checkout",
					"tracekit.resource.service-version=1.4.2", "tracekit.resource.service-namespace=shop",
					"tracekit.resource.deployment-environment=staging", "tracekit.resource.attributes.team=payments"))
			.run((context) -> {
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				tracer.spanBuilder("work").startSpan().end();
				context.close();
				List<ReceivedSpan> spans = this.receiver.spans();
				assertThat(spans).singleElement().satisfies((span) -> {
					assertThat(span.name()).isEqualTo("work");
					assertThat(span.resource()).containsEntry("service.name", "checkout")
						.containsEntry("service.version", "1.4.2")
						.containsEntry("service.namespace", "shop")
						.containsEntry("deployment.environment.name", "staging")
						.containsEntry("team", "payments")
						.containsEntry("telemetry.sdk.language", "java")
						.containsKeys("service.instance.id", "host.name", "os.type", "process.pid",
								"process.runtime.name")
						.doesNotContainKeys("process.command_line", "process.command_args");
				});
				assertThat(this.receiver.requests()).allSatisfy((request) -> assertThat(request.protocol())
					.isEqualTo(received(protocol)));
			});
	}

	@Test
	void ratioZeroSendsNothing() {
		this.runner
			.withPropertyValues(exporterTo(Protocol.GRPC, "tracekit.sampler.type=traceidratio",
					"tracekit.sampler.ratio=0"))
			.run((context) -> {
				endSpans(context, 200);
				context.close();
				assertThat(this.receiver.spanCount()).isZero();
			});
	}

	@Test
	void ratioOneSendsEverything() {
		this.runner
			.withPropertyValues(exporterTo(Protocol.GRPC, "tracekit.sampler.type=traceidratio",
					"tracekit.sampler.ratio=1"))
			.run((context) -> {
				endSpans(context, 200);
				context.close();
				assertThat(this.receiver.spanCount()).isEqualTo(200);
			});
	}

	@Test
	void ratioHalfSendsRoughlyHalf() {
		this.runner
			.withPropertyValues(exporterTo(Protocol.GRPC, "tracekit.sampler.type=traceidratio",
					"tracekit.sampler.ratio=0.5"))
			.run((context) -> {
				endSpans(context, 2000);
				context.close();
				// Random trace ids: the binomial spread around 1000 is about 22, so this bound is ~9 sigma.
				assertThat(this.receiver.spanCount()).isBetween(800, 1200);
			});
	}

	@Test
	void anAttributeCountLimitOfTwoDeliversTwoAndReportsTheRestAsDropped() {
		this.runner.withPropertyValues(exporterTo(Protocol.GRPC, "tracekit.limits.attribute-count=2"))
			.run((context) -> {
				Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("limited").startSpan();
				for (int i = 0; i < 5; i++) {
					span.setAttribute("key" + i, i);
				}
				span.end();
				context.close();
				assertThat(this.receiver.spans()).singleElement().satisfies((received) -> {
					assertThat(received.attributes()).hasSize(2);
					assertThat(received.span().getDroppedAttributesCount()).isEqualTo(3);
				});
			});
	}

	@Test
	void anAttributeValueLengthLimitTruncates() {
		this.runner.withPropertyValues(exporterTo(Protocol.HTTP, "tracekit.limits.attribute-value-length=4"))
			.run((context) -> {
				Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("limited").startSpan();
				span.setAttribute("long", "abcdefgh");
				span.end();
				context.close();
				assertThat(this.receiver.spans()).singleElement()
					.satisfies((received) -> assertThat(received.attributes()).containsEntry("long", "abcd"));
			});
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void gzipArrivesCompressed(String protocol, String sender) {
		this.runner.withPropertyValues(exporterTo(protocol, sender, "tracekit.exporters.test.compression=gzip"))
			.run((context) -> {
				endSpans(context, 3);
				context.close();
				assertThat(this.receiver.requests()).isNotEmpty().allSatisfy((request) -> assertThat(request.gzip()).isTrue());
				assertThat(this.receiver.spanCount()).isEqualTo(3);
			});
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void withoutCompressionBodiesArrivePlain(String protocol, String sender) {
		this.runner.withPropertyValues(exporterTo(protocol, sender)).run((context) -> {
			endSpans(context, 3);
			context.close();
			assertThat(this.receiver.requests()).isNotEmpty().allSatisfy((request) -> assertThat(request.gzip()).isFalse());
		});
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void headersArrive(String protocol, String sender) {
		this.runner
			.withPropertyValues(exporterTo(protocol, sender, "tracekit.exporters.test.headers.api-key=s3cr3t",
					"tracekit.exporters.test.headers.x-tenant=acme"))
			.run((context) -> {
				endSpans(context, 1);
				context.close();
				assertThat(this.receiver.requests()).singleElement()
					.satisfies((request) -> assertThat(request.headers()).containsEntry("api-key", "s3cr3t")
						.containsEntry("x-tenant", "acme"));
			});
	}

	@Test
	void twoExportersBothReceiveEverySpan() {
		try (OtlpTestReceiver second = OtlpTestReceiver.start()) {
			this.runner
				.withPropertyValues("tracekit.exporters.local.endpoint=" + this.receiver.grpcEndpoint(),
						"tracekit.exporters.vendor.protocol=http/protobuf",
						"tracekit.exporters.vendor.endpoint=" + second.httpEndpoint())
				.run((context) -> {
					endSpans(context, 50);
					context.close();
					assertThat(this.receiver.spanCount()).isEqualTo(50);
					assertThat(second.spanCount()).isEqualTo(50);
					assertThat(spanIds(this.receiver)).isEqualTo(spanIds(second));
				});
		}
	}

	private static java.util.Set<String> spanIds(OtlpTestReceiver receiver) {
		return receiver.spans().stream().map(ReceivedSpan::spanId).collect(java.util.stream.Collectors.toSet());
	}

	@Test
	void theSimpleProcessorExportsEachSpanAsItEnds() {
		this.runner.withPropertyValues(exporterTo(Protocol.GRPC, "tracekit.exporters.test.processor.type=simple"))
			.run((context) -> {
				endSpans(context, 3);
				// No flush and no batching: each span is sent in a request of its own.
				await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.requests().size() == 3);
				assertThat(this.receiver.requests()).extracting(ReceivedRequest::spanCount).containsOnly(1);
			});
	}

	@Test
	void tracersComeFromTheProviderByNameAndVersion() {
		this.runner.withPropertyValues(exporterTo(Protocol.GRPC)).run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			Tracer tracer = openTelemetry.getTracer("orders", "2.0");
			assertThat(openTelemetry.getTracer("orders", "2.0")).isSameAs(tracer);
			assertThat(openTelemetry.getTracer("orders", "3.0")).isNotSameAs(tracer);
			tracer.spanBuilder("scoped").startSpan().end();
			context.close();
			assertThat(this.receiver.spans()).singleElement().satisfies((span) -> {
				assertThat(span.scopeName()).isEqualTo("orders");
				assertThat(span.scopeVersion()).isEqualTo("2.0");
			});
		});
	}

	@Test
	void propagatorsDefaultToTraceContextAndBaggage() {
		this.runner.withPropertyValues(exporterTo(Protocol.GRPC)).run((context) -> {
			assertThat(context.getBean(OpenTelemetry.class).getPropagators().getTextMapPropagator().fields())
				.containsExactly("traceparent", "tracestate", "baggage");
		});
	}

	@Test
	void propagatorsFollowTheProperty() {
		this.runner.withPropertyValues(exporterTo(Protocol.GRPC, "tracekit.propagators=b3multi,jaeger"))
			.run((context) -> assertThat(
					context.getBean(OpenTelemetry.class).getPropagators().getTextMapPropagator().fields())
				.containsExactlyInAnyOrder("X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled", "uber-trace-id"));
	}

	@Test
	void propagatorNoneInjectsNothing() {
		this.runner.withPropertyValues(exporterTo(Protocol.GRPC, "tracekit.propagators=none"))
			.run((context) -> assertThat(
					context.getBean(OpenTelemetry.class).getPropagators().getTextMapPropagator().fields())
				.isEmpty());
	}

}
