package dev.tracekit.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.Fault;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Spring MVC application with the actuator, every auto-configuration on the classpath and
 * Micrometer Tracing on tracekit's pipeline, asked over real HTTP: what {@code /actuator/health/tracing}
 * and {@code /actuator/tracekit} show (never a secret), and that requests to the actuator do not
 * become traces while the application's own requests do.
 */
class TracekitActuatorWebTests {

	private static final String SECRET = "s3cr3t-4p1-k3y-7f0c2b";

	private static final Duration EXPORT_WAIT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();


	@Test
	void healthAndEndpointShowARejectedKeyButNeverTheKey() throws Exception {
		this.receiver.setFault(Fault.UNAUTHENTICATED);
		try (ConfigurableApplicationContext context = start("tracekit.exporters.collector.headers.api-key=" + SECRET)) {
			assertThat(get(context, "/work").statusCode()).isEqualTo(200);
			ExportStatistics statistics = statistics(context);
			await().atMost(EXPORT_WAIT).until(() -> statistics.failed() >= 1);

			HttpResponse<String> health = get(context, "/actuator/health/tracing");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"status\":\"DOWN\"")
				.contains("\"collector\":{\"description\":\"otlp grpc " + this.receiver.grpcEndpoint())
				.contains("\"consecutiveFailedExports\":" + statistics.consecutiveFailedExports())
				.contains("\"rejectedCredentials\":true");
			HttpResponse<String> pipeline = get(context, "/actuator/tracekit");
			assertThat(pipeline.statusCode()).isEqualTo(200);
			assertThat(pipeline.body()).contains("\"serviceName\":\"web-test\"")
				.contains("\"sampler\":\"ParentBased{root:AlwaysOnSampler")
				.contains("\"exporters\":{\"collector\":{\"description\":\"otlp grpc")
				.contains("\"failed\":" + statistics.failed())
				.contains("\"rejectedCredentials\":true")
				.contains("\"propagatorFields\":[");
			HttpResponse<String> exporter = get(context, "/actuator/tracekit/collector");
			assertThat(exporter.statusCode()).isEqualTo(200);
			assertThat(get(context, "/actuator/tracekit/unknown").statusCode()).isEqualTo(404);
			HttpResponse<String> overall = get(context, "/actuator/health");

			for (HttpResponse<String> response : List.of(health, pipeline, exporter, overall)) {
				assertThat(response.body()).as(response.uri().toString()).doesNotContain(SECRET);
			}
		}
	}

	@Test
	void configpropsAndEnvMaskHeaderValuesEvenWhenShowingValues() throws Exception {
		System.setProperty("otel.exporter.otlp.headers", "x-otel-key=" + SECRET);
		try (ConfigurableApplicationContext context = start("tracekit.exporters.collector.headers.api-key=" + SECRET,
				"tracekit.exporters.collector.headers[x.dotted]=" + SECRET,
				"management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always")) {
			HttpResponse<String> configprops = get(context, "/actuator/configprops");
			HttpResponse<String> env = get(context, "/actuator/env");
			assertThat(configprops.statusCode()).isEqualTo(200);
			assertThat(env.statusCode()).isEqualTo(200);
			// Values are shown: the masking is specific to header values.
			assertThat(configprops.body()).contains("\"serviceName\":\"web-test\"")
				.contains("\"api-key\":\"******\"")
				.contains("\"x.dotted\":\"******\"")
				.contains("\"x-otel-key\":\"******\"");
			assertThat(env.body()).contains("web-test").contains("tracekit.exporters.collector.headers.api-key");
			assertThat(configprops.body()).doesNotContain(SECRET);
			assertThat(env.body()).doesNotContain(SECRET);
		}
		finally {
			System.clearProperty("otel.exporter.otlp.headers");
		}
	}

	@Test
	void actuatorRequestsAreNotTracedWhileTheApplicationsRequestsAre() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			for (int i = 0; i < 3; i++) {
				assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(200);
			}
			assertThat(get(context, "/actuator/tracekit").statusCode()).isEqualTo(200);
			assertThat(get(context, "/work").statusCode()).isEqualTo(200);
			await().atMost(EXPORT_WAIT).until(() -> paths(this.receiver.spans()).contains("/work"));
			flush(context);
			assertThat(paths(this.receiver.spans())).containsOnly("/work");
			ExportStatistics statistics = statistics(context);
			assertThat(statistics.accepted()).isEqualTo(this.receiver.spanCount());
			// Bound by Spring Boot's own metrics auto-configuration, which must run before tracekit's.
			assertThat(context.getBean(MeterRegistry.class)
				.get("tracekit.spans.exported")
				.tag("exporter", "collector")
				.functionCounter()
				.count()).isEqualTo(statistics.exported());
		}
	}

	@Test
	void actuatorRequestsAreTracedWhenAskedFor() throws Exception {
		try (ConfigurableApplicationContext context = start("tracekit.actuator.trace-requests=true")) {
			assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(200);
			await().atMost(EXPORT_WAIT).until(() -> paths(this.receiver.spans()).contains("/actuator/health"));
		}
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"management.endpoints.web.exposure.include=health,tracekit",
				"management.endpoint.health.show-details=always", "tracekit.resource.service-name=web-test",
				"tracekit.exporters.collector.endpoint=" + this.receiver.grpcEndpoint(),
				"tracekit.exporters.collector.retry=false",
				"tracekit.exporters.collector.processor.schedule-delay=50ms", "tracekit.lifecycle.flush-timeout=2s",
				"tracekit.lifecycle.shutdown-timeout=2s", "tracekit.diagnostics.startup-report=false"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(WebApplication.class).properties(all.toArray(String[]::new)).run();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static ExportStatistics statistics(ConfigurableApplicationContext context) {
		return context.getBean(ExportPipelines.class).get("collector").orElseThrow().statistics();
	}

	private static void flush(ConfigurableApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
	}

	// The request path each server span records, whichever attribute name the convention uses.
	private static List<String> paths(List<ReceivedSpan> spans) {
		return spans.stream()
			.map((span) -> span.attributes().entrySet().stream()
				.filter((attribute) -> attribute.getKey().equals("uri") || attribute.getKey().equals("url.path")
						|| attribute.getKey().equals("http.url"))
				.map((attribute) -> String.valueOf(attribute.getValue()))
				.findFirst()
				.orElse(span.name()))
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WorkController.class)
	static class WebApplication {

	}

	@RestController
	static class WorkController {

		@GetMapping("/work")
		String work() {
			return "done";
		}

	}

}
