package dev.tracekit.micrometer;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * {@link SpanScopes} through Micrometer Tracing's OpenTelemetry {@link OtelTracer}; plain
 * {@link Span#makeCurrent()} when the context has no such tracer.
 */
final class MicrometerSpanScopes implements SpanScopes, SmartInitializingSingleton {

	private final ObjectProvider<Tracer> tracerProvider;

	// The Micrometer Tracer is defined after this bean, by Spring Boot: it is looked up once every
	// singleton exists, and only looked up per call (slowly) by a traced call made before that.
	private volatile @Nullable Tracer tracer;

	private volatile boolean resolved;

	MicrometerSpanScopes(ObjectProvider<Tracer> tracerProvider) {
		this.tracerProvider = tracerProvider;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.tracer = this.tracerProvider.getIfUnique();
		this.resolved = true;
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
		return this.resolved ? this.tracer : this.tracerProvider.getIfUnique();
	}

}
