package dev.tracekit.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves requests to actuator endpoints unobserved in a servlet application, so that health
 * probes and metric scrapes, arriving every few seconds, do not become traces that tracekit then
 * exports and counts. Other observations are kept.
 *
 * <p>
 * A skipped request records no {@code http.server.requests} metric either: Micrometer decides per
 * observation, not per handler. Observations started further in (Spring Security's filter chain,
 * say) find no request observation to join and still start traces of their own.
 */
final class ServletActuatorRequestsObservationPredicate implements ObservationPredicate {

	private final ActuatorPath actuatorPath;

	ServletActuatorRequestsObservationPredicate(ActuatorPath actuatorPath) {
		this.actuatorPath = actuatorPath;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext serverContext) {
			HttpServletRequest request = serverContext.getCarrier();
			return request == null || !this.actuatorPath.matches(pathWithinServlet(request));
		}
		return true;
	}

	// Endpoints are mapped relative to the DispatcherServlet: under "/" the servlet path is the
	// whole path; under "/api/*" the path info is what follows. The context path is in neither.
	private static String pathWithinServlet(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return (pathInfo != null) ? pathInfo : request.getServletPath();
	}

}
