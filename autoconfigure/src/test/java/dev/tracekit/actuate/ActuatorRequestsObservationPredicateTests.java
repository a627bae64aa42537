package dev.tracekit.actuate;

import java.util.Map;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which server requests the servlet and WebFlux predicates leave unobserved, wherever the
 * DispatcherServlet, the context path and the actuator's base path are.
 */
class ActuatorRequestsObservationPredicateTests {

	private static final ActuatorPath ACTUATOR = new ActuatorPath("/actuator");

	@Test
	void requestsUnderTheBasePathAreSkippedAndOthersKept() {
		ServletActuatorRequestsObservationPredicate predicate = new ServletActuatorRequestsObservationPredicate(ACTUATOR);
		assertThat(observed(predicate, "", "/actuator/health", null)).isFalse();
		assertThat(observed(predicate, "", "/actuator/health/tracing", null)).isFalse();
		assertThat(observed(predicate, "", "/actuator", null)).isFalse();
		assertThat(observed(predicate, "", "/actuatorx", null)).isTrue();
		assertThat(observed(predicate, "", "/orders/actuator", null)).isTrue();
		assertThat(observed(predicate, "", "/work", null)).isTrue();
	}

	@Test
	void theContextPathAndADispatcherServletPathAreNotPartOfTheMatch() {
		ServletActuatorRequestsObservationPredicate predicate = new ServletActuatorRequestsObservationPredicate(ACTUATOR);
		assertThat(observed(predicate, "/shop", "/actuator/health", null)).isFalse();
		assertThat(observed(predicate, "", "/api", "/actuator/health")).isFalse();
		assertThat(observed(predicate, "", "/api", "/work")).isTrue();
	}

	@Test
	void webFluxRequestsAreMatchedWithinTheApplicationPath() {
		ReactiveActuatorRequestsObservationPredicate predicate = new ReactiveActuatorRequestsObservationPredicate(ACTUATOR);
		assertThat(observed(predicate, MockServerHttpRequest.get("/actuator/health").build())).isFalse();
		assertThat(observed(predicate, MockServerHttpRequest.get("/shop/actuator/health").contextPath("/shop").build()))
			.isFalse();
		assertThat(observed(predicate, MockServerHttpRequest.get("/work").build())).isTrue();
		assertThat(observed(predicate, MockServerHttpRequest.get("/shop/work/actuator").contextPath("/shop").build()))
			.isTrue();
	}

	@Test
	void aCustomBasePathIsNormalised() {
		ActuatorPath manage = new ActuatorPath(" manage/ ");
		assertThat(manage.matches("/manage/health")).isTrue();
		assertThat(manage.matches("/manage")).isTrue();
		assertThat(manage.matches("/actuator/health")).isFalse();
		assertThat(new ActuatorPath("/ops/actuator").matches("/ops/actuator/health")).isTrue();
	}

	@Test
	void endpointsAtTheRootCannotBeToldApartSoNothingIsSkipped() {
		assertThat(new ActuatorPath("/").matches("/health")).isFalse();
		assertThat(new ActuatorPath("").matches("/health")).isFalse();
		assertThat(new ActuatorPath("/").matches("/")).isFalse();
	}

	@Test
	void otherObservationsAreKept() {
		assertThat(new ServletActuatorRequestsObservationPredicate(ACTUATOR).test("checkout", new Observation.Context()))
			.isTrue();
		assertThat(new ReactiveActuatorRequestsObservationPredicate(ACTUATOR).test("checkout", new Observation.Context()))
			.isTrue();
	}

	private static boolean observed(ServletActuatorRequestsObservationPredicate predicate, String contextPath,
			String servletPath, String pathInfo) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET",
				contextPath + servletPath + ((pathInfo != null) ? pathInfo : ""));
		request.setContextPath(contextPath);
		request.setServletPath(servletPath);
		request.setPathInfo(pathInfo);
		return predicate.test("http.server.requests",
				new ServerRequestObservationContext(request, new MockHttpServletResponse()));
	}

	private static boolean observed(ReactiveActuatorRequestsObservationPredicate predicate,
			MockServerHttpRequest request) {
		return predicate.test("http.server.requests",
				new org.springframework.http.server.reactive.observation.ServerRequestObservationContext(request,
						new MockServerHttpResponse(), Map.of()));
	}

}
