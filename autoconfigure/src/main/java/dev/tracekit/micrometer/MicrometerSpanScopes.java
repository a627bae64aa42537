package dev.tracekit.micrometer;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@link SpanScopes} through Micrometer Tracing's OpenTelemetry {@link OtelTracer}; plain
 * {@link Span#makeCurrent()} when the context has no such tracer.
 */
final class MicrometerSpanScopes implements SpanScopes {

	private final ObjectProvider<Tracer> tracerProvider;

	// Resolved on first use: the Micrometer Tracer is defined after this bean, by Spring Boot.
	private volatile @Nullable Tracer tracer;

	MicrometerSpanScopes(ObjectProvider<Tracer> tracerProvider) {
		this.tracerProvider = tracerProvider;
	}

	@Override
	public Scope makeCurrent(Span span) {
		Tracer tracer = tracer();
		if (!(tracer instanceof OtelTracer)) {
			return span.makeCurrent();
		}
		Tracer.SpanInScope inScope = tracer.withSpan(OtelSpan.fromOtel(span));
		return inScope::close;
	}

	private @Nullable Tracer tracer() {
		Tracer tracer = this.tracer;
		if (tracer == null) {
			tracer = this.tracerProvider.getIfUnique();
			this.tracer = tracer;
		}
		return tracer;
	}

}
