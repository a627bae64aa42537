package dev.tracekit.micrometer;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Makes a span that is not an observation's (a {@code @Traced} method's, say) current, so that
 * both OpenTelemetry API spans and Micrometer observations started inside it become its
 * children.
 *
 * <p>
 * {@link Span#makeCurrent()} alone is not enough next to Micrometer Tracing: its OpenTelemetry
 * bridge keeps the current observation's span under a context key of its own and prefers it over
 * {@link Span#current()}, so an observation started inside (an outgoing {@code RestClient} call)
 * would skip the span and hang off the enclosing observation's. The bean tracekit defines makes
 * the span current for Micrometer's {@code Tracer} too when there is one; the logging MDC follows
 * every context made current.
 */
public interface SpanScopes {

	/**
	 * Makes the span current until the returned scope is closed.
	 * @param span the span
	 * @return the scope, to close on the same thread
	 */
	Scope makeCurrent(Span span);

	/**
	 * Makes the span current inside the given context (a caller's, captured on another thread)
	 * until the returned scope is closed. The default makes the context current, then the span.
	 * @param context the context the span belongs to
	 * @param span the span
	 * @return the scope, to close on the same thread
	 */
	default Scope makeCurrent(Context context, Span span) {
		if (context == Context.current()) {
			return makeCurrent(span);
		}
		Scope contextScope = context.makeCurrent();
		Scope spanScope = makeCurrent(span);
		return () -> {
			spanScope.close();
			contextScope.close();
		};
	}

	/** OpenTelemetry's own {@link Span#makeCurrent()}, for when Micrometer Tracing is absent. */
	static SpanScopes openTelemetry() {
		return new OpenTelemetrySpanScopes();
	}

}
