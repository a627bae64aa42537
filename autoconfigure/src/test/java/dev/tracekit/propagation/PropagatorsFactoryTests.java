package dev.tracekit.propagation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Every propagator of {@code tracekit.propagators} together, as a service configured with all of
 * them reads and writes headers: tracekit's W3C Trace Context beside B3, Jaeger, OpenTracing and
 * W3C Baggage.
 */
class PropagatorsFactoryTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private final TextMapPropagator propagator = PropagatorsFactory
		.create(Stream.of(PropagatorType.values()).filter((type) -> type != PropagatorType.NONE).toList(), List.of())
		.getTextMapPropagator();

	@Test
	void traceContextIsTracekitsOwn() {
		TextMapPropagator traceContext = PropagatorsFactory.create(List.of(PropagatorType.TRACECONTEXT), List.of())
			.getTextMapPropagator();
		assertThat(traceContext).isSameAs(TraceContextPropagator.getInstance());
	}

	@ParameterizedTest
	@ValueSource(strings = { "traceparent|00-" + TRACE_ID + "-" + SPAN_ID + "-01",
			"b3|" + TRACE_ID + "-" + SPAN_ID + "-1",
			"X-B3-TraceId|" + TRACE_ID + "|X-B3-SpanId|" + SPAN_ID + "|X-B3-Sampled|1",
			"uber-trace-id|" + TRACE_ID + ":" + SPAN_ID + ":0:1",
			"ot-tracer-traceid|" + TRACE_ID + "|ot-tracer-spanid|" + SPAN_ID + "|ot-tracer-sampled|true" })
	void eachFormatIsRead(String headers) {
		Context context = this.propagator.extract(Context.root(), HeaderLines.of(headers.split("\\|")),
				HeaderLines.getter);
		SpanContext parent = Span.fromContext(context).getSpanContext();
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
		assertThat(parent.isSampled()).isTrue();
	}

	@Test
	void everyFormatIsWritten() {
		SpanContext spanContext = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
				TraceState.getDefault());
		Context context = Context.root()
			.with(Span.wrap(spanContext))
			.with(Baggage.builder().put("tenant", "acme").build());
		Map<String, String> written = new LinkedHashMap<>();
		this.propagator.inject(context, written, HeaderLines.setter);
		assertThat(written).contains(entry("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01"),
				entry("baggage", "tenant=acme"), entry("b3", TRACE_ID + "-" + SPAN_ID + "-1"),
				entry("X-B3-TraceId", TRACE_ID), entry("uber-trace-id", TRACE_ID + ":" + SPAN_ID + ":0:1"),
				entry("ot-tracer-traceid", TRACE_ID.substring(16)));
	}

	@Test
	void baggageFromRepeatedHeadersIsReadBesideTheTraceContext() {
		Context context = this.propagator.extract(Context.root(),
				HeaderLines.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01", "tracestate", "rojo=1",
						"baggage", "tenant=acme", "baggage", "region=eu"),
				HeaderLines.getter);
		assertThat(Span.fromContext(context).getSpanContext().getTraceState().get("rojo")).isEqualTo("1");
		assertThat(Baggage.fromContext(context).asMap()).containsOnlyKeys("tenant", "region");
	}

}
