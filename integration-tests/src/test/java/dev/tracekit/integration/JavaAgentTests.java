package dev.tracekit.integration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application in a JVM of its own, started with the real OpenTelemetry Java agent (its jar from
 * Maven Central, see this module's pom) and the agent's OTLP exporter pointed at the test receiver.
 * The same {@code otel.*} settings would make tracekit export there too, so a second tracing setup
 * would show as spans arriving twice.
 */
class JavaAgentTests {

	private static final Duration STARTUP = Duration.ofSeconds(180);

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private final PeerServer peer = PeerServer.start();

	private final List<String> output = new ArrayList<>();

	private Process application;

	@BeforeEach
	void requireTheAgentJar() {
		assertThat(agentJar()).as("the agent jar, copied by this module's build").isNotBlank();
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.application != null) {
			this.application.destroy();
			if (!this.application.waitFor(30, TimeUnit.SECONDS)) {
				this.application.destroyForcibly();
			}
		}
		this.peer.close();
	}

	@Test
	void withTheAgentActiveEverySpanArrivesOnceThroughTheAgentInOneTrace() throws Exception {
		start(List.of());
		awaitOutput("tracekit: the OpenTelemetry Java agent ");
		assertThat(joinedOutput()).contains("is active, so tracekit builds no tracing pipeline")
			.doesNotContain("tracekit: tracing pipeline");

		List<ReceivedSpan> trace = requestAndAwaitTrace(3);
		assertThat(trace).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
		assertThat(trace).allSatisfy((span) -> {
			assertThat(span.resource()).containsEntry("telemetry.distro.name", "opentelemetry-java-instrumentation");
			assertThat(span.resource()).containsEntry("service.name", "agent-app");
		});
		ReceivedSpan server = single(trace, SpanKind.SPAN_KIND_SERVER);
		ReceivedSpan traced = trace.stream()
			.filter((span) -> span.name().equals("OrderLookup.find"))
			.findFirst()
			.orElseThrow();
		ReceivedSpan client = single(trace, SpanKind.SPAN_KIND_CLIENT);
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(traced.parentSpanId()).isEqualTo(server.spanId());
		assertThat(client.parentSpanId()).isEqualTo(traced.spanId());
		assertThat(this.peer.requests()).singleElement()
			.satisfies((headers) -> assertThat(headers.get("traceparent")).contains(client.spanId()));
		// Spring Boot's log correlation reads the agent's spans too.
		assertThat(awaitOutput("order 42 looked up")).contains("[" + traced.traceId() + "-" + traced.spanId() + "]");
	}

	@Test
	void withTheAgentTurnedOffTracekitsPipelineTracesAlone() throws Exception {
		start(List.of("-Dotel.javaagent.enabled=false"));
		awaitOutput("tracekit: tracing pipeline");
		assertThat(joinedOutput()).doesNotContain("is active, so tracekit builds no tracing pipeline");

		List<ReceivedSpan> trace = requestAndAwaitTrace(3);
		assertThat(trace).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
		assertThat(trace).allSatisfy((span) -> {
			assertThat(span.resource()).doesNotContainKey("telemetry.distro.name");
			assertThat(span.resource()).containsEntry("service.name", "agent-app").containsKey("service.instance.id");
		});
		ReceivedSpan server = single(trace, SpanKind.SPAN_KIND_SERVER);
		assertThat(trace).filteredOn((span) -> span.name().equals("OrderLookup.find"))
			.singleElement()
			.satisfies((traced) -> assertThat(traced.parentSpanId()).isEqualTo(server.spanId()));
		single(trace, SpanKind.SPAN_KIND_CLIENT);
	}

	private void start(List<String> jvmOptions) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-javaagent:" + agentJar());
		command.addAll(jvmOptions);
		// The agent's exporter, and through OTEL_* mapping tracekit's exporter named otlp.
		command.addAll(List.of("-Dotel.service.name=agent-app",
				"-Dotel.exporter.otlp.endpoint=" + this.receiver.grpcEndpoint(), "-Dotel.exporter.otlp.protocol=grpc",
				"-Dotel.bsp.schedule.delay=100", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
				"-Xshare:auto", "-XX:TieredStopAtLevel=1"));
		command.addAll(List.of("-cp", classpath(), AgentApplication.class.getName(), "--server.port=0",
				"--server.address=127.0.0.1", "--peer.url=" + this.peer.url(), "--spring.main.banner-mode=off"));
		this.application = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.application.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					synchronized (this.output) {
						this.output.add(line);
					}
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		}, "agent-app-output");
		reader.setDaemon(true);
		reader.start();
	}

	private List<ReceivedSpan> requestAndAwaitTrace(int size) throws Exception {
		Matcher port = PORT.matcher(awaitOutput("Tomcat started on port"));
		assertThat(port.find()).isTrue();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/orders/42")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(joinedOutput()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("42 peer");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.receiver.spans().size() >= size);
		// Anything exported twice would follow within the export delays.
		Thread.sleep(1000);
		List<ReceivedSpan> spans = this.receiver.spans();
		assertThat(spans).extracting(ReceivedSpan::traceId).as(spans.toString()).containsOnly(spans.get(0).traceId());
		return spans;
	}

	private String awaitOutput(String text) {
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(this.application.isAlive()).as("the application is running:\n" + joinedOutput()).isTrue();
			return lines().stream().anyMatch((line) -> line.contains(text));
		});
		return lines().stream().filter((line) -> line.contains(text)).findFirst().orElseThrow();
	}

	private static ReceivedSpan single(List<ReceivedSpan> trace, SpanKind kind) {
		List<ReceivedSpan> ofKind = trace.stream().filter((span) -> span.span().getKind() == kind).toList();
		assertThat(ofKind).as(kind + " spans in " + trace).hasSize(1);
		return ofKind.get(0);
	}

	private List<String> lines() {
		synchronized (this.output) {
			return List.copyOf(this.output);
		}
	}

	private String joinedOutput() {
		return String.join("\n", lines());
	}

	private static String agentJar() {
		return System.getProperty("javaagent.jar.under.test", "");
	}

	// Surefire's own test class path: this module's, with the combination's exclusions.
	private static String classpath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

}
