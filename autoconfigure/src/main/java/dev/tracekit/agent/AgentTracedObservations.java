package dev.tracekit.agent;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * Gives Spring's observations of remote calls (HTTP requests served and sent, messages received
 * and sent: Micrometer's receiver and sender contexts) no span of Micrometer Tracing's, because
 * the OpenTelemetry Java agent traces those calls itself; the observations still record their
 * metrics. Ordered before Spring Boot's tracing handlers, it takes those contexts from them in
 * Micrometer's first-matching group and does nothing with them; other observations
 * ({@code @Observed}, {@code @NewSpan}) still become spans, through the agent's OpenTelemetry.
 */
final class AgentTracedObservations implements TracingObservationHandler<Observation.Context> {

	private final Supplier<Tracer> tracer;

	AgentTracedObservations(Supplier<Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof SenderContext<?> || context instanceof ReceiverContext<?>;
	}

	@Override
	public Tracer getTracer() {
		return this.tracer.get();
	}

	@Override
	public void onStart(Observation.Context context) {
	}

	@Override
	public void onError(Observation.Context context) {
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
	}

	@Override
	public void onScopeReset(Observation.Context context) {
	}

	@Override
	public void onStop(Observation.Context context) {
	}

}
