package dev.tracekit.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves requests to actuator endpoints unobserved on servlet stacks, so that health probes and
 * metric scrapes, arriving every few seconds, do not become traces that tracekit then exports and
 * counts. Other observations are kept.
 *
 * <p>
 * A skipped request records no {@code http.server.requests} metric either: Micrometer decides per
 * observation, not per handler. Observations started further in (Spring Security's filter chain,
 * say) find no request observation to join and still start traces of their own.
 */
final class ActuatorRequestsObservationPredicate implements ObservationPredicate {

	private final String basePath;

	/**
	 * @param basePath {@code management.endpoints.web.base-path}; empty or {@code /} (endpoints at
	 * the root, indistinguishable by path) skips nothing
	 */
	ActuatorRequestsObservationPredicate(String basePath) {
		String path = basePath.strip();
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		this.basePath = (path.isEmpty() || path.startsWith("/")) ? path : "/" + path;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (this.basePath.isEmpty() || !(context instanceof ServerRequestObservationContext serverContext)) {
			return true;
		}
		HttpServletRequest request = serverContext.getCarrier();
		return request == null || !isActuatorPath(pathWithinServlet(request));
	}

	// Endpoints are mapped relative to the DispatcherServlet: under "/" the servlet path is the
	// whole path; under "/api/*" the path info is what follows. The context path is excluded.
	private static String pathWithinServlet(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return (pathInfo != null) ? pathInfo : request.getServletPath();
	}

	private boolean isActuatorPath(String path) {
		return path.equals(this.basePath) || path.startsWith(this.basePath + "/");
	}

}
