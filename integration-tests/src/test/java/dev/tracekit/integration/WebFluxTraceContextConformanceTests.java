package dev.tracekit.integration;

import dev.tracekit.testing.TraceContextConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The W3C's Trace Context conformance suite against {@link WebFluxTraceContextTestService} on a
 * WebFlux user's classpath (Reactor Netty, {@code WebClient}; see this module's pom): every level-1
 * test passes. Skipped, saying so, where no Python 3 with aiohttp is installed.
 */
@SpringBootTest(classes = { WebFluxApplication.class, WebFluxTraceContextTestService.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
				"peer.url=http://127.0.0.1:9/unused", "tracekit.exporters.main.type=none" })
@EnabledIf(value = "dev.tracekit.testing.TraceContextConformance#pythonWithAiohttpFound",
		disabledReason = "no Python 3 with aiohttp")
class WebFluxTraceContextConformanceTests {

	@Value("${local.server.port}")
	private int port;

	@Test
	void aWebFluxServicePassesTheW3cTraceContextSuite() {
		TraceContextConformance.assertConformance("http://127.0.0.1:" + this.port + "/test", "WebFlux");
	}

}
