package dev.tracekit.http;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Traces Spring MVC and WebFlux requests as Micrometer's receiver handler does (the incoming
 * context is extracted the same way), but names and describes the span by OpenTelemetry's HTTP
 * server conventions rather than by the observation's key values, which stay the metrics' own.
 * Ordered before Micrometer's handler, it takes the HTTP server observations and leaves it the
 * rest.
 */
final class OpenTelemetryServerTracingObservationHandler
		extends PropagatingReceiverTracingObservationHandler<ReceiverContext<?>> {

	private final List<HttpSpanConvention<?>> conventions;

	OpenTelemetryServerTracingObservationHandler(Tracer tracer, Propagator propagator,
			List<HttpSpanConvention<?>> conventions) {
		super(tracer, propagator);
		this.conventions = conventions;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return HttpSpans.find(this.conventions, context) != null;
	}

	@Override
	public Span.Builder customizeExtractedSpan(ReceiverContext<?> context, Span.Builder builder) {
		return HttpSpans.starting(builder.kind(Span.Kind.SERVER), HttpSpans.required(this.conventions, context),
				context);
	}

	@Override
	public void onError(ReceiverContext<?> context) {
		// Decided at the end, by the status code: a 4xx answer is not a server error.
	}

	@Override
	public void onStop(ReceiverContext<?> context) {
		Span span = getRequiredSpan(context);
		getTracingContext(context).close();
		HttpSpans.end(span, HttpSpans.required(this.conventions, context), context);
	}

}
