package dev.tracekit.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The WebFlux counterpart of {@link ServletActuatorRequestsObservationPredicate}, with the same
 * consequences: no trace and no {@code http.server.requests} metric for requests to actuator
 * endpoints.
 */
final class ReactiveActuatorRequestsObservationPredicate implements ObservationPredicate {

	private final ActuatorPath actuatorPath;

	ReactiveActuatorRequestsObservationPredicate(ActuatorPath actuatorPath) {
		this.actuatorPath = actuatorPath;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext serverContext) {
			ServerHttpRequest request = serverContext.getCarrier();
			// The application path leaves out spring.webflux.base-path, as the endpoint mappings do.
			return request == null || !this.actuatorPath.matches(request.getPath().pathWithinApplication().value());
		}
		return true;
	}

}
