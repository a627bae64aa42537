package dev.tracekit.micrometer;

import io.opentelemetry.api.trace.Span;
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
 * would skip the span and hang off the enclosing observation's. The bean tracekit defines opens
 * the scope through Micrometer's {@code Tracer} when there is one, which updates both (and the
 * logging MDC).
 */
@FunctionalInterface
public interface SpanScopes {

	/**
	 * Makes the span current until the returned scope is closed.
	 * @param span the span
	 * @return the scope, to close on the same thread
	 */
	Scope makeCurrent(Span span);

	/** OpenTelemetry's own {@link Span#makeCurrent()}, for when Micrometer Tracing is absent. */
	static SpanScopes openTelemetry() {
		return Span::makeCurrent;
	}

}
