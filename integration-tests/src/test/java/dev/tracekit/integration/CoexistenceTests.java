package dev.tracekit.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.tracekit.compatibility.SupportedVersions;
import dev.tracekit.compatibility.SupportedVersions.VersionLookup;
import dev.tracekit.micrometer.OverriddenManagementProperties;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * tracekit next to Spring Boot's own tracing support, on the classpath of one combination (each
 * subclass runs in its own JVM with that classpath, see this module's pom). The configuration is a
 * Spring Boot user's who switched to tracekit and left their {@code management.*} tracing
 * settings in place: all of them would change what is recorded, exported or propagated if Spring
 * Boot's pipeline were active.
 */
@ExtendWith(OutputCaptureExtension.class)
// spring.test.tracing.export: tests export to the receiver, so they opt in to network export.
@TestPropertySource(properties = { "spring.test.tracing.export=true", "tracekit.exporters.test.processor.type=simple",
		"tracekit.resource.service-name=coexistence", "tracekit.propagators=b3multi",
		"management.tracing.propagation.type=w3c", "management.tracing.sampling.probability=0.0",
		"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces",
		"management.otlp.metrics.export.enabled=false", "spring.reactor.context-propagation=auto" })
abstract class CoexistenceTests {

	static final String WEBMVC = "org.springframework.web.servlet.DispatcherServlet";

	static final String WEBFLUX = "org.springframework.web.reactive.DispatcherHandler";

	static final String ACTUATOR = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

	static final String METRICS = "io.micrometer.core.instrument.MeterRegistry";

	static final String OPENTELEMETRY_STARTER = "io.micrometer.registry.otlp.OtlpMeterRegistry";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final SecureRandom random = new SecureRandom();

	@RegisterExtension
	static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private static final PeerServer peer = PeerServer.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private ApplicationContext context;

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("tracekit.exporters.test.endpoint", receiver::grpcEndpoint);
		registry.add("peer.url", peer::url);
	}

	@AfterAll
	static void stopServers() {
		peer.close();
	}

	/** Fails unless the test runs on the classpath its class name promises; each subclass is a {@code @Test}. */
	abstract void theClasspathIsTheCombinationUnderTest();

	static void assertOnClasspath(String... classNames) {
		for (String className : classNames) {
			assertThat(ClassUtils.isPresent(className, null)).as(className + " on the classpath").isTrue();
		}
	}

	static void assertNotOnClasspath(String... classNames) {
		for (String className : classNames) {
			assertThat(ClassUtils.isPresent(className, null)).as(className + " on the classpath").isFalse();
		}
	}

	// This module runs on Spring Boot 4.1, spring-boot-4.0/ on 4.0: each with the OpenTelemetry it manages.
	@Test
	void openTelemetryIsTheLineThisSpringBootManages() {
		VersionLookup versions = VersionLookup.manifests(getClass().getClassLoader());
		String springBoot = versions.versionOf("org.springframework.boot.SpringBootVersion");
		String expected = springBoot.startsWith("4.0.") ? "1.55." : "1.62.";
		assertThat(versions.versionOf("io.opentelemetry.api.OpenTelemetry")).startsWith(expected);
		assertThat(versions.versionOf("io.opentelemetry.sdk.trace.SdkTracerProvider")).startsWith(expected);
		assertThat(SupportedVersions.check(versions)).isEmpty();
	}

	@Test
	void theContextHoldsOnePipelineAndItIsTracekits() {
		assertThat(this.context.getBeanNamesForType(SdkTracerProvider.class)).containsExactly("tracekitTracerProvider");
		assertThat(this.context.getBeanNamesForType(OpenTelemetry.class)).containsExactly("tracekitOpenTelemetry");
		assertThat(this.context.getBeanNamesForType(Sampler.class)).containsExactly("tracekitSampler");
		assertThat(this.context.getBeanNamesForType(ContextPropagators.class)).containsExactly("tracekitPropagators");
		assertThat(this.context.getBeanNamesForType(Resource.class)).containsExactly("tracekitResource");
		assertThat(this.context.getBeansOfType(Tracer.class)).hasSize(1)
			.allSatisfy((name, tracer) -> assertThat(tracer).isInstanceOf(OtelTracer.class));
		// Spring Boot's batch processor, OTLP exporter (management.opentelemetry.tracing.export.otlp.endpoint
		// is set) and propagators would have joined tracekit's pipeline as user beans.
		assertThat(this.context.getBeanNamesForType(SpanProcessor.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SpanExporter.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TextMapPropagator.class)).isEmpty();
		// With no log exporter, Spring Boot's OpenTelemetry logging pipeline would only idle.
		assertThat(this.context.getBeanNamesForType(io.opentelemetry.sdk.logs.SdkLoggerProvider.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(io.opentelemetry.sdk.logs.LogRecordProcessor.class)).isEmpty();
	}

	@Test
	void aRequestIsTracedThroughTracekit() throws Exception {
		HttpResponse<String> response = get(Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("peer");
		// management.tracing.sampling.probability=0.0 would have dropped it: tracekit's sampler decides.
		ReceivedSpan server = await().atMost(TIMEOUT)
			.until(() -> receiver.spans()
				.stream()
				.filter((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER)
				.filter((span) -> span.name().equals("GET /hello"))
				.filter((span) -> span.parentSpanId().isEmpty())
				.findFirst(), java.util.Optional::isPresent)
			.get();
		List<ReceivedSpan> trace = awaitTrace(server.traceId(), 2);
		assertThat(trace).filteredOn((span) -> span.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
			.singleElement()
			.satisfies((client) -> assertThat(client.parentSpanId()).isEqualTo(server.spanId()));
		assertThat(trace).allSatisfy(
				(span) -> assertThat(span.resource()).containsEntry("service.name", "coexistence"));
	}

	@Test
	void contextCrossesTheProcessWithTracekitsPropagators() throws Exception {
		String traceId = randomHex(16);
		String parentId = randomHex(8);
		get(Map.of("X-B3-TraceId", traceId, "X-B3-SpanId", parentId, "X-B3-Sampled", "1"));
		List<ReceivedSpan> trace = awaitTrace(traceId, 2);
		ReceivedSpan server = trace.stream()
			.filter((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER)
			.findFirst()
			.orElseThrow();
		ReceivedSpan client = trace.stream()
			.filter((span) -> span.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
			.findFirst()
			.orElseThrow();
		assertThat(server.parentSpanId()).isEqualTo(parentId);
		// tracekit.propagators=b3multi, although management.tracing.propagation.type=w3c.
		assertThat(peer.requests()).filteredOn((headers) -> traceId.equals(headers.get("x-b3-traceid")))
			.singleElement()
			.satisfies((headers) -> assertThat(headers).containsEntry("x-b3-spanid", client.spanId())
				.doesNotContainKey("traceparent"));
	}

	@Test
	void logLinesOfATracedRequestCarryItsTraceId(CapturedOutput output) throws Exception {
		String traceId = randomHex(16);
		get(Map.of("X-B3-TraceId", traceId, "X-B3-SpanId", randomHex(8), "X-B3-Sampled", "1"));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(output.getOut().lines().filter((line) -> line.contains("hello handled")))
				.anySatisfy((line) -> assertThat(line).contains(traceId)));
	}

	@Test
	void managementSettingsTracekitReplacesAreReported() {
		assertThat(this.context.getBean(OverriddenManagementProperties.class).warnings()).hasSize(3)
			.anySatisfy((warning) -> assertThat(warning).contains("'management.tracing.sampling.probability'"))
			.anySatisfy((warning) -> assertThat(warning).contains("'management.tracing.propagation.type'"))
			.anySatisfy((warning) -> assertThat(warning)
				.contains("'management.opentelemetry.tracing.export.otlp.endpoint'"));
	}

	private HttpResponse<String> get(Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/hello"))
			.GET();
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<ReceivedSpan> awaitTrace(String traceId, int size) {
		await().atMost(TIMEOUT).until(() -> spansOf(traceId).size() >= size);
		return spansOf(traceId);
	}

	private static List<ReceivedSpan> spansOf(String traceId) {
		return receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static String randomHex(int bytes) {
		byte[] id = new byte[bytes];
		random.nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

}
