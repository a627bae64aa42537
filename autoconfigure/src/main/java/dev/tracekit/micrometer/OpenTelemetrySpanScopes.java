package dev.tracekit.micrometer;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** {@link SpanScopes} without Micrometer Tracing: one context with the span, made current once. */
final class OpenTelemetrySpanScopes implements SpanScopes {

	@Override
	public Scope makeCurrent(Span span) {
		return span.makeCurrent();
	}

	@Override
	public Scope makeCurrent(Context context, Span span) {
		return context.with(span).makeCurrent();
	}

}
