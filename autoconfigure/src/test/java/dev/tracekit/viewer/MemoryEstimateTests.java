package dev.tracekit.viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's memory estimate against the heap its kept spans really retain, measured by walking
 * the objects, for spans of every shape an application makes.
 */
class MemoryEstimateTests {

	private final InMemorySpanExporter exported = InMemorySpanExporter.create();

	private final Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
			AttributeKey.stringKey("service.name"), "estimate-test", AttributeKey.stringKey("host.name"), "build")));

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.setResource(this.resource)
		.addSpanProcessor(SimpleSpanProcessor.create(this.exported))
		.build();

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void theEstimateIsNeverBelowWhatAKeptSpanRetains() {
		Map<String, Consumer<Span>> shapes = new LinkedHashMap<>();
		shapes.put("plain", (span) -> {
		});
		shapes.put("http server", (span) -> {
			span.setAttribute("http.url", "/orders/42");
			span.setAttribute("method", "GET");
			span.setAttribute("outcome", "SUCCESS");
			span.setAttribute("status", "200");
			span.setAttribute("uri", "/orders/{id}");
			span.setAttribute("exception", "none");
		});
		shapes.put("every attribute type", (span) -> span.setAllAttributes(Attributes.builder()
			.put("text", "value")
			.put("count", 42L)
			.put("ratio", 0.5)
			.put("flag", true)
			.put(AttributeKey.stringArrayKey("texts"), List.of("a", "bb", "ccc"))
			.put(AttributeKey.longArrayKey("counts"), List.of(1L, 2L, 3L))
			.put(AttributeKey.doubleArrayKey("ratios"), List.of(0.1, 0.2))
			.put(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
			.build()));
		shapes.put("recorded exception", (span) -> {
			span.recordException(new IllegalStateException("Invoicing is down for maintenance"));
			span.setStatus(StatusCode.ERROR, "Invoicing is down for maintenance");
		});
		shapes.put("events and links", (span) -> {
			for (int i = 0; i < 3; i++) {
				span.addEvent("retry " + i, Attributes.of(AttributeKey.longKey("attempt"), (long) i));
			}
			span.addLink(remoteContext(), Attributes.of(AttributeKey.stringKey("link.reason"), "batch"));
			span.addLink(remoteContext());
		});
		shapes.put("long text beyond Latin-1",
				(span) -> span.setAttribute("note", "\u65e5\u672c\u8a9e\u306e\u6587".repeat(400)));
		shapes.forEach((shape, content) -> {
			KeptSpan kept = new KeptSpan(span(content));
			long measured = RetainedMemory.of(kept, shared(kept.resource(), kept.scope()));
			// High, so that the limit holds; not so high that it keeps far fewer traces than it could.
			assertThat(kept.estimatedBytes()).as(shape).isGreaterThanOrEqualTo(measured).isLessThan(2 * measured);
		});
	}

	private SpanData span(Consumer<Span> content) {
		this.exported.reset();
		Span span = this.provider.get("estimate-test")
			.spanBuilder("OrderService.summary")
			.setParent(Context.root().with(Span.wrap(remoteContext())))
			.startSpan();
		content.accept(span);
		span.end();
		return this.exported.getFinishedSpanItems().get(0);
	}

	private static SpanContext remoteContext() {
		return SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
	}

	/**
	 * What the JDK and the OpenTelemetry API share between all objects, and the given objects the
	 * tracer provider shares between its spans.
	 */
	static Object[] shared(Object... sharedByTheProvider) {
		List<Object> shared = new ArrayList<>(List.of(sharedByTheProvider));
		shared.addAll(List.of(Attributes.empty(), List.of(), TraceState.getDefault(), TraceFlags.getSampled(),
				TraceFlags.getDefault(), Boolean.TRUE, Boolean.FALSE, ""));
		shared.addAll(List.of(SpanKind.values()));
		shared.addAll(List.of(StatusCode.values()));
		shared.addAll(List.of(AttributeType.values()));
		return shared.toArray();
	}

}
