package dev.tracekit.micrometer;

import java.lang.reflect.Field;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * {@link SpanScopes} next to Micrometer Tracing's OpenTelemetry bridge: the span is stored in the
 * context with the bridge's own current observation span hidden, so that the bridge's
 * {@code Tracer.currentSpan()} and observations started inside see it; the logging MDC follows
 * from the context being made current.
 */
final class MicrometerSpanScopes implements SpanScopes, SmartInitializingSingleton {

	// Where Micrometer's bridge keeps the span of the observation in scope, which its Tracer prefers
	// over Span.current(): a span made current must hide it, or observations started inside would
	// take the enclosing observation's span as their parent. Private in the bridge (1.6 and 1.7),
	// so read once; without it every scope goes through the bridge's Tracer.withSpan, which is
	// correct but allocates several objects and contexts per call.
	private static final @Nullable ContextKey<?> OBSERVATION_CONTEXT_KEY = findObservationContextKey();

	private final ObjectProvider<Tracer> tracerProvider;

	// The Micrometer Tracer is defined after this bean, by Spring Boot: it is looked up once every
	// singleton exists, and only looked up per call (slowly) by a traced call made before that.
	private volatile @Nullable Tracer tracer;

	private volatile boolean resolved;

	private final @Nullable ContextKey<?> observationContextKey;

	MicrometerSpanScopes(ObjectProvider<Tracer> tracerProvider) {
		this(tracerProvider, OBSERVATION_CONTEXT_KEY);
	}

	/** With the bridge's context key, or null to go through its {@code Tracer.withSpan} (tests). */
	MicrometerSpanScopes(ObjectProvider<Tracer> tracerProvider, @Nullable ContextKey<?> observationContextKey) {
		this.tracerProvider = tracerProvider;
		this.observationContextKey = observationContextKey;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.tracer = this.tracerProvider.getIfUnique();
		this.resolved = true;
	}

	@Override
	public Scope makeCurrent(Span span) {
		return makeCurrent(Context.current(), span);
	}

	@Override
	public Scope makeCurrent(Context context, Span span) {
		ContextKey<?> observationKey = this.observationContextKey;
		if (observationKey != null) {
			// One context, made current once: what Micrometer's withSpan does, without its copies.
			Context withSpan = context.with(span);
			if (withSpan.get(observationKey) != null) {
				withSpan = withSpan.with(observationKey, null);
			}
			return withSpan.makeCurrent();
		}
		Tracer tracer = tracer();
		if (!(tracer instanceof OtelTracer)) {
			return SpanScopes.super.makeCurrent(context, span);
		}
		Scope contextScope = (context == Context.current()) ? Scope.noop() : context.makeCurrent();
		Tracer.SpanInScope inScope = tracer.withSpan(OtelSpan.fromOtel(span));
		return () -> {
			inScope.close();
			contextScope.close();
		};
	}

	private static @Nullable ContextKey<?> findObservationContextKey() {
		try {
			Field field = OtelCurrentTraceContext.class.getDeclaredField("OTEL_CONTEXT_KEY");
			field.setAccessible(true);
			return (field.get(null) instanceof ContextKey<?> key) ? key : null;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/** The bridge's context key for the observation span in scope; null if it was not found. */
	static @Nullable ContextKey<?> observationContextKey() {
		return OBSERVATION_CONTEXT_KEY;
	}

	private @Nullable Tracer tracer() {
		return this.resolved ? this.tracer : this.tracerProvider.getIfUnique();
	}

}
