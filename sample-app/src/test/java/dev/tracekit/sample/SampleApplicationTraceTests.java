package dev.tracekit.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracekit.test.CapturedSpans;
import dev.tracekit.test.autoconfigure.AutoConfigureTracekit;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.tracekit.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app end to end over real HTTP on a random port, its spans captured with
 * tracekit's test module ({@code @AutoConfigureTracekit}), as a user of tracekit tests an
 * application. {@link SampleApplicationOtlpExportTests} checks the same spans leave over OTLP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-requests.enabled=false", "tracekit.resource.service-name=orders-under-test",
				"tracekit.resource.deployment-environment=test" })
@AutoConfigureTracekit
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTraceTests {

	private static final SecureRandom random = new SecureRandom();

	// Not instrumented: without a traceparent, the app's server span is the root of the trace.
	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private CapturedSpans spans;

	@Value("${local.server.port}")
	private int port;

	@Test
	void anOrderRequestIsOneTraceAcrossBothEndpoints() throws Exception {
		assertThat(get("/orders/1001", Map.of()).statusCode()).isEqualTo(200);
		this.spans.awaitSpan("GET /orders/{id}");
		assertThat(this.spans).hasSpanCount(5).allInOneTrace().hasNoOrphans();
		assertThat(this.spans).span("GET /orders/{id}")
			.isRoot()
			.hasKind(SpanKind.SERVER)
			.hasAttribute("url.path", "/orders/1001")
			.child("OrderService.summary")
			.hasAttribute("order.id", "1001")
			.child("GET")
			.hasKind(SpanKind.CLIENT)
			.child("GET /inventory/{sku}")
			.hasKind(SpanKind.SERVER)
			.child("InventoryService.stock")
			.hasAttribute("sku", "book-1001")
			.hasNoChildren();
		assertThat(this.spans.all()).allSatisfy((span) -> assertThat(span.getResource().getAttributes().asMap())
			.containsEntry(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "orders-under-test")
			.containsEntry(io.opentelemetry.api.common.AttributeKey.stringKey("deployment.environment.name"), "test"));
	}

	@Test
	void anIncomingTraceparentIsContinued() throws Exception {
		String traceId = randomHex(16);
		String parentId = randomHex(8);
		get("/orders/1002", Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"));
		SpanData server = this.spans.awaitSpan("GET /orders/{id}");
		assertThat(server.getTraceId()).isEqualTo(traceId);
		assertThat(this.spans).allInOneTrace()
			.span("GET /orders/{id}")
			.hasParentSpanId(parentId)
			.hasAttribute("url.path", "/orders/1002");
	}

	@Test
	void theTestEndpointPropagatesTheContextToEveryUrl() throws Exception {
		List<ReceivedCall> received = new CopyOnWriteArrayList<>();
		HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		peer.createContext("/", (exchange) -> record(exchange, received));
		peer.start();
		try {
			String peerUrl = "http://127.0.0.1:" + peer.getAddress().getPort();
			String body = "[{\"url\":\"" + peerUrl + "/one\",\"arguments\":[{\"url\":\"http://example.invalid/\","
					+ "\"arguments\":[]}]},{\"url\":\"" + peerUrl + "/two\",\"arguments\":[]}]";
			String traceId = randomHex(16);
			String parentId = randomHex(8);
			HttpResponse<String> response = post("/test", body, Map.of("traceparent",
					"00-" + traceId + "-" + parentId + "-01", "tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(received).extracting(ReceivedCall::path).containsExactly("/one", "/two");
			assertThat(received).extracting(ReceivedCall::body)
				.containsExactly("[{\"url\":\"http://example.invalid/\",\"arguments\":[]}]", "[]");
			assertThat(received).allSatisfy((call) -> {
				assertThat(call.traceparent()).matches("00-" + traceId + "-[0-9a-f]{16}-01");
				assertThat(call.tracestate()).isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
			});
			// Each call carries its own client span as the parent, and that span is in the trace.
			this.spans.awaitSpan("POST /test");
			assertThat(this.spans).allInOneTrace()
				.span("POST /test")
				.hasParentSpanId(parentId)
				.hasChildren("POST", "POST");
			List<String> clientSpanIds = this.spans.named("POST").stream().map(SpanData::getSpanId).toList();
			assertThat(received).extracting((call) -> call.traceparent().substring(36, 52))
				.containsExactlyInAnyOrderElementsOf(clientSpanIds);
		}
		finally {
			peer.stop(0);
		}
	}

	@Test
	void theLogLinesOfATracedRequestCarryItsTraceId(CapturedOutput output) throws Exception {
		String traceId = randomHex(16);
		get("/orders/1004", Map.of("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("Order 1004 requested")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(traceId));
	}

	@Test
	void theLogLineInsideATracedMethodCarriesItsSpanId(CapturedOutput output) throws Exception {
		get("/orders/1007", Map.of());
		SpanData server = this.spans.awaitSpan("GET /orders/{id}");
		SpanData stock = this.spans.span("InventoryService.stock");
		assertThat(output.getOut().lines().filter((line) -> line.contains("Stock of book-1007")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(server.getTraceId()).contains(stock.getSpanId()));
	}

	@Test
	void theCompletableFuturePathStaysInTheTraceAcrossThreads() throws Exception {
		HttpResponse<String> response = get("/orders/1005/delivery", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"orderId\":\"1005\"");
		this.spans.awaitSpan("GET /orders/{id}/delivery");
		// The estimate's span ends on the thread that completes the future, which may be after the
		// server span has ended.
		this.spans.awaitSpan("DeliveryService.estimate");
		// The inventory call runs on an executor thread, yet is the estimate's child...
		assertThat(this.spans).allInOneTrace()
			.hasNoOrphans()
			.span("DeliveryService.estimate")
			.hasParent("GET /orders/{id}/delivery")
			.hasChildren("GET");
		// ...and the estimate's span ends when the future completes, not when the method returns.
		assertThat(this.spans.span("DeliveryService.estimate").getEndEpochNanos())
			.isGreaterThanOrEqualTo(this.spans.span("GET").getEndEpochNanos());
	}

	@Test
	void theFailingEndpointAnswers500AndItsSpansAreErrors() throws Exception {
		assertThat(get("/orders/1006/invoice", Map.of()).statusCode()).isEqualTo(500);
		this.spans.awaitSpan("GET /orders/{id}/invoice");
		assertThat(this.spans).span("GET /orders/{id}/invoice").isError().hasChildren("OrderService.invoice");
		assertThat(this.spans).span("OrderService.invoice").isError().hasEvent("exception");
	}

	private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String randomHex(int bytes) {
		byte[] id = new byte[bytes];
		random.nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	private static void record(HttpExchange exchange, List<ReceivedCall> received) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			received.add(new ReceivedCall(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("traceparent"),
					exchange.getRequestHeaders().getFirst("tracestate"), body));
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private record ReceivedCall(String path, String traceparent, String tracestate, String body) {
	}

}
