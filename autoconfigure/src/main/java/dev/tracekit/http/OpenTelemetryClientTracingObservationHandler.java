package dev.tracekit.http;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Traces {@code RestClient}, {@code RestTemplate} and {@code WebClient} calls as Micrometer's sender
 * handler does (the context is injected the same way), but names and describes the span by
 * OpenTelemetry's HTTP client conventions rather than by the observation's key values, which stay
 * the metrics' own. Ordered before Micrometer's handler, it takes the HTTP client observations and
 * leaves it the rest.
 */
final class OpenTelemetryClientTracingObservationHandler
		extends PropagatingSenderTracingObservationHandler<SenderContext<?>> {

	private final List<HttpSpanConvention<?>> conventions;

	OpenTelemetryClientTracingObservationHandler(Tracer tracer, Propagator propagator,
			List<HttpSpanConvention<?>> conventions) {
		super(tracer, propagator);
		this.conventions = conventions;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return HttpSpans.find(this.conventions, context) != null;
	}

	// As Micrometer's, with the name and request attributes from the start, where samplers see
	// them. Spring's HTTP client contexts name no remote service, so there is none to add.
	@Override
	public Span createSenderSpan(SenderContext<?> context) {
		Span parent = getParentSpan(context);
		Span.Builder builder = getTracer().spanBuilder().kind(Span.Kind.CLIENT);
		if (parent != null) {
			builder = builder.setParent(parent.context());
		}
		return HttpSpans.starting(builder, HttpSpans.required(this.conventions, context), context).start();
	}

	@Override
	public void onError(SenderContext<?> context) {
		// Decided at the end, from the status code or the failure.
	}

	@Override
	public void onStop(SenderContext<?> context) {
		Span span = getRequiredSpan(context);
		getTracingContext(context).close();
		HttpSpans.end(span, HttpSpans.required(this.conventions, context), context);
	}

}
