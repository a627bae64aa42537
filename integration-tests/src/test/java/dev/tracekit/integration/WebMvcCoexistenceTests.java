package dev.tracekit.integration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;


/** tracekit's starter with Spring MVC and RestClient: nothing else of Spring Boot's tracing. */
@SpringBootTest(classes = WebMvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebMvcCoexistenceTests extends CoexistenceTests {

	@Test
	@Override
	void theClasspathIsTheCombinationUnderTest() {
		assertOnClasspath(WEBMVC);
		assertNotOnClasspath(WEBFLUX, ACTUATOR, METRICS, OPENTELEMETRY_STARTER);
	}

}
