package dev.tracekit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server}, its executable jar) started with
 * {@code java -jar} on a free loopback port with in-memory storage, for tests that check what a
 * Zipkin exporter really delivers. The build copies the jar and names it in the system property
 * {@value #JAR_PROPERTY}. What arrived is read back through Zipkin's own HTTP API
 * ({@code /api/v2/traces}).
 */
public final class ZipkinTestServer implements AutoCloseable {

	/** The system property naming the server's executable jar. */
	public static final String JAR_PROPERTY = "zipkin.server.jar.under.test";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ZipkinTestServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the server and waits until its health check answers UP. */
	public static ZipkinTestServer start() {
		String jar = System.getProperty(JAR_PROPERTY);
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No Zipkin server jar: the system property " + JAR_PROPERTY + " is '" + jar
					+ "'; the build copies io.zipkin:zipkin-server:exec and sets it (see the module's pom.xml)");
		}
		int port = freeLoopbackPort();
		try {
			Path log = Files.createTempFile("zipkin-test-server", ".log");
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
					"--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
					"--armeria.ports[0].protocols[0]=http")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("STORAGE_TYPE", "mem");
			builder.environment().put("SELF_TRACING_ENABLED", "false");
			ZipkinTestServer server = new ZipkinTestServer(builder.start(), port, log);
			server.awaitHealthy();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freeLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitHealthy() {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The Zipkin server exited with " + this.process.exitValue() + ": "
						+ logTail());
			}
			try {
				HttpResponse<String> health = get("/health");
				if (health.statusCode() == 200 && health.body().contains("UP")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			sleep(250);
		}
		close();
		throw new IllegalStateException("The Zipkin server did not become healthy within " + STARTUP_TIMEOUT + ": "
				+ logTail());
	}

	/** Where a Zipkin exporter sends spans: {@code http://127.0.0.1:<port>/api/v2/spans}. */
	public String spansEndpoint() {
		return baseUrl() + "/api/v2/spans";
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The traces of a service that Zipkin holds, each a list of its spans, as its API answers them. */
	public List<List<ZipkinSpan>> traces(String serviceName) {
		try {
			HttpResponse<String> response = get("/api/v2/traces?limit=1000&serviceName="
					+ URLEncoder.encode(serviceName, StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Zipkin answered " + response.statusCode() + ": " + response.body());
			}
			List<List<ZipkinSpan>> traces = new ArrayList<>();
			for (JsonNode trace : JsonMapper.shared().readTree(response.body())) {
				List<ZipkinSpan> spans = new ArrayList<>();
				trace.forEach((span) -> spans.add(ZipkinSpan.of(span)));
				traces.add(spans);
			}
			return traces;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** All spans of a service that Zipkin holds, whatever their trace. */
	public List<ZipkinSpan> spans(String serviceName) {
		return traces(serviceName).stream().flatMap(List::stream).toList();
	}

	private HttpResponse<String> get(String path) throws IOException {
		try {
			return this.client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// A temporary file; left behind at worst.
		}
	}

	/**
	 * One span as Zipkin's v2 API returns it.
	 * @param traceId the trace id
	 * @param id the span id
	 * @param parentId the parent's span id, or null for a root span
	 * @param name the span name (Zipkin lower-cases it)
	 * @param kind CLIENT, SERVER, PRODUCER, CONSUMER, or null for an internal span
	 * @param serviceName the local endpoint's service name
	 * @param tags the tags, among them {@code error} for a span whose status is error
	 */
	public record ZipkinSpan(String traceId, String id, String parentId, String name, String kind, String serviceName,
			Map<String, String> tags) {

		static ZipkinSpan of(JsonNode span) {
			Map<String, String> tags = new LinkedHashMap<>();
			JsonNode tagNodes = span.path("tags");
			tagNodes.propertyNames().forEach((name) -> tags.put(name, tagNodes.get(name).asString()));
			return new ZipkinSpan(span.path("traceId").asString(), span.path("id").asString(),
					text(span, "parentId"), text(span, "name"), text(span, "kind"),
					text(span.path("localEndpoint"), "serviceName"), tags);
		}

		private static String text(JsonNode node, String field) {
			JsonNode value = node.get(field);
			return (value != null && !value.isNull()) ? value.asString() : null;
		}

	}

}
