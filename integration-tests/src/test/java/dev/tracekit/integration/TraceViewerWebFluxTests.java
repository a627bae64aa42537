package dev.tracekit.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace viewer on WebFlux with the actuator: the endpoint serves the list, one trace and the
 * page exactly as on Spring MVC, since the page is served by the endpoint itself.
 */
@SpringBootTest(classes = TraceViewerWebFluxTests.ReactiveApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tracekit.viewer.enabled=true", "management.endpoints.web.exposure.include=traces",
				"tracekit.exporters.main.type=none", "tracekit.resource.service-name=reactive-viewer" })
class TraceViewerWebFluxTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@Test
	void theClasspathIsWebFluxWithTheActuator() {
		assertThat(ClassUtils.isPresent(CoexistenceTests.WEBFLUX, null)).isTrue();
		assertThat(ClassUtils.isPresent(CoexistenceTests.ACTUATOR, null)).isTrue();
		assertThat(ClassUtils.isPresent(CoexistenceTests.WEBMVC, null)).isFalse();
	}

	@Test
	void aReactiveRequestIsListedAndShownWholeAndBrowsersGetThePage() throws Exception {
		assertThat(get("/greeting", "text/plain").body()).isEqualTo("hello");
		String list = get("/actuator/traces", "application/json").body();
		assertThat(list).contains("\"name\":\"GET /greeting\"", "\"service\":\"reactive-viewer\"",
				"\"keptTraces\":1");
		String traceId = list.replaceAll("(?s).*\"traceId\":\"([0-9a-f]{32})\".*", "$1");
		HttpResponse<String> trace = get("/actuator/traces/" + traceId, "application/json");
		assertThat(trace.statusCode()).isEqualTo(200);
		assertThat(trace.body()).contains("\"kind\":\"SERVER\"", "\"service.name\":\"reactive-viewer\"");
		HttpResponse<String> page = get("/actuator/traces", "text/html,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(page.body()).contains("<title>Traces · tracekit</title>");
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GreetingController.class)
	static class ReactiveApplication {

	}

	@RestController
	static class GreetingController {

		@GetMapping("/greeting")
		Mono<String> greeting() {
			return Mono.just("hello");
		}

	}

}
