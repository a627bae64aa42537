package dev.tracekit.actuate;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which server requests {@link ActuatorRequestsObservationPredicate} leaves unobserved, wherever
 * the DispatcherServlet, the context path and the actuator's base path are.
 */
class ActuatorRequestsObservationPredicateTests {

	@Test
	void requestsUnderTheBasePathAreSkippedAndOthersKept() {
		ActuatorRequestsObservationPredicate predicate = new ActuatorRequestsObservationPredicate("/actuator");
		assertThat(observed(predicate, "", "/actuator/health", null)).isFalse();
		assertThat(observed(predicate, "", "/actuator/health/tracing", null)).isFalse();
		assertThat(observed(predicate, "", "/actuator", null)).isFalse();
		assertThat(observed(predicate, "", "/actuatorx", null)).isTrue();
		assertThat(observed(predicate, "", "/orders/actuator", null)).isTrue();
		assertThat(observed(predicate, "", "/work", null)).isTrue();
	}

	@Test
	void theContextPathAndADispatcherServletPathAreNotPartOfTheMatch() {
		ActuatorRequestsObservationPredicate predicate = new ActuatorRequestsObservationPredicate("/actuator");
		assertThat(observed(predicate, "/shop", "/actuator/health", null)).isFalse();
		assertThat(observed(predicate, "", "/api", "/actuator/health")).isFalse();
		assertThat(observed(predicate, "", "/api", "/work")).isTrue();
	}

	@Test
	void aCustomBasePathIsNormalised() {
		ActuatorRequestsObservationPredicate predicate = new ActuatorRequestsObservationPredicate("manage/");
		assertThat(observed(predicate, "", "/manage/health", null)).isFalse();
		assertThat(observed(predicate, "", "/actuator/health", null)).isTrue();
	}

	@Test
	void endpointsAtTheRootCannotBeToldApartSoNothingIsSkipped() {
		ActuatorRequestsObservationPredicate predicate = new ActuatorRequestsObservationPredicate("/");
		assertThat(observed(predicate, "", "/health", null)).isTrue();
	}

	@Test
	void otherObservationsAreKept() {
		ActuatorRequestsObservationPredicate predicate = new ActuatorRequestsObservationPredicate("/actuator");
		assertThat(predicate.test("checkout", new Observation.Context())).isTrue();
	}

	private static boolean observed(ActuatorRequestsObservationPredicate predicate, String contextPath,
			String servletPath, String pathInfo) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET",
				contextPath + servletPath + ((pathInfo != null) ? pathInfo : ""));
		request.setContextPath(contextPath);
		request.setServletPath(servletPath);
		request.setPathInfo(pathInfo);
		return predicate.test("http.server.requests",
				new ServerRequestObservationContext(request, new MockHttpServletResponse()));
	}

}
