package dev.tracekit.integration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** tracekit's starter with Spring MVC and Spring Boot's own spring-boot-starter-opentelemetry. */
@SpringBootTest(classes = WebMvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebMvcOpenTelemetryStarterCoexistenceTests extends CoexistenceTests {

	@Test
	@Override
	void theClasspathIsTheCombinationUnderTest() {
		assertOnClasspath(WEBMVC, OPENTELEMETRY_STARTER, METRICS);
		assertNotOnClasspath(WEBFLUX, ACTUATOR);
	}

}
