package dev.tracekit.integration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** tracekit's starter with WebFlux and WebClient. */
@SpringBootTest(classes = WebFluxApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebFluxCoexistenceTests extends CoexistenceTests {

	@Test
	@Override
	void theClasspathIsTheCombinationUnderTest() {
		assertOnClasspath(WEBFLUX);
		assertNotOnClasspath(WEBMVC, ACTUATOR, METRICS, OPENTELEMETRY_STARTER);
	}

}
