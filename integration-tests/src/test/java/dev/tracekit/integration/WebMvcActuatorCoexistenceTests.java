package dev.tracekit.integration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** tracekit's starter with Spring MVC and spring-boot-starter-actuator (and so Micrometer metrics). */
@SpringBootTest(classes = WebMvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebMvcActuatorCoexistenceTests extends CoexistenceTests {

	@Test
	@Override
	void theClasspathIsTheCombinationUnderTest() {
		assertOnClasspath(WEBMVC, ACTUATOR, METRICS);
		assertNotOnClasspath(WEBFLUX, OPENTELEMETRY_STARTER);
	}

}
