package dev.tracekit.sample;

import dev.tracekit.testing.TraceContextConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The W3C's Trace Context conformance suite against the sample app's {@code POST /test} on Spring
 * MVC (Tomcat, {@code RestClient}): every level-1 test passes. Skipped, saying so, where no Python
 * 3 with aiohttp is installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sample.demo-requests.enabled=false",
				"tracekit.exporters.main.type=none" })
@EnabledIf(value = "dev.tracekit.testing.TraceContextConformance#pythonWithAiohttpFound",
		disabledReason = "no Python 3 with aiohttp")
class TraceContextConformanceTests {

	@Value("${local.server.port}")
	private int port;

	@Test
	void theSampleAppPassesTheW3cTraceContextSuite() {
		TraceContextConformance.assertConformance("http://127.0.0.1:" + this.port + "/test", "Spring MVC");
	}

}
