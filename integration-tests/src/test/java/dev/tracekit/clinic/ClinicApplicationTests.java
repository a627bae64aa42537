package dev.tracekit.clinic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tracekit.testing.OtlpTestReceiver;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application over real HTTP, as PetClinic's integration test does. It opts in to tracing
 * export ({@code spring.test.tracing.export}), to an OTLP receiver on loopback: with tracekit on
 * the class path the request's server span arrives there. The system property
 * {@code clinic.export=false} leaves the opt-in out, so that the suite can also be timed as a
 * project's tests run by default, quiet.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.test.tracing.export=${clinic.export:true}", "spring.application.name=clinic",
				"tracekit.exporters.collector.processor.schedule-delay=100ms" })
@Order(1)
class ClinicApplicationTests {

	/** Tests that only run with tracekit; left out when the suite is timed with and without it. */
	static final String TRACING_CHECK = "tracing-check";

	// One receiver for the whole suite, so that the first and third classes share one context.
	static final OtlpTestReceiver collector = OtlpTestReceiver.start();

	// The application contexts the classes of the suite ran against.
	static final Set<ApplicationContext> contextsUsed = ConcurrentHashMap.newKeySet();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("tracekit.exporters.collector.endpoint", collector::grpcEndpoint);
	}

	@Test
	void findsAnOwner() throws Exception {
		contextsUsed.add(this.context);
		HttpResponse<String> response = get("/owners/1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("George Franklin");
	}

	@Test
	void answers404ForAnUnknownOwner() throws Exception {
		assertThat(get("/owners/99").statusCode()).isEqualTo(404);
	}

	@Test
	@EnabledIf("tracekitPresent")
	@Tag(TRACING_CHECK)
	void withTracekitTheRequestsServerSpanReachesTheCollector() throws Exception {
		get("/owners/2");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(collector.spans())
				.anySatisfy((span) -> assertThat(span.attributes()).containsEntry("url.path", "/owners/2")));
	}

	static boolean tracekitPresent() {
		return ClassUtils.isPresent("dev.tracekit.autoconfigure.TracekitAutoConfiguration", null);
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
