package dev.tracekit.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app end to end: real HTTP requests on a random port, spans exported over OTLP to a
 * real receiver on loopback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.test.tracing.export=true", "sample.demo-requests.enabled=false",
				"tracekit.exporters.main.type=otlp",
				"tracekit.exporters.main.processor.type=simple", "tracekit.resource.service-name=orders-under-test",
				"tracekit.resource.deployment-environment=test" })
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTraceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final SecureRandom random = new SecureRandom();

	private static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	// Not instrumented: without a traceparent, the app's server span is the root of the trace.
	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void exportToTheReceiver(DynamicPropertyRegistry registry) {
		registry.add("tracekit.exporters.main.endpoint", receiver::grpcEndpoint);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void anOrderRequestIsOneTraceAcrossBothEndpoints() throws Exception {
		assertThat(get("/orders/1001", Map.of()).statusCode()).isEqualTo(200);
		ReceivedSpan orderServer = awaitSpan(SpanKind.SPAN_KIND_SERVER, "/orders/1001");
		List<ReceivedSpan> trace = awaitTrace(orderServer.traceId(), 5);
		ReceivedSpan summary = span(trace, SpanKind.SPAN_KIND_INTERNAL, "OrderService.summary");
		ReceivedSpan client = span(trace, SpanKind.SPAN_KIND_CLIENT, "http get");
		ReceivedSpan inventoryServer = span(trace, SpanKind.SPAN_KIND_SERVER, "http get /inventory/{sku}");
		ReceivedSpan stock = span(trace, SpanKind.SPAN_KIND_INTERNAL, "InventoryService.stock");
		assertThat(orderServer.name()).isEqualTo("http get /orders/{id}");
		assertThat(orderServer.parentSpanId()).isEmpty();
		assertThat(summary.parentSpanId()).isEqualTo(orderServer.spanId());
		assertThat(client.parentSpanId()).isEqualTo(summary.spanId());
		assertThat(inventoryServer.parentSpanId()).isEqualTo(client.spanId());
		assertThat(stock.parentSpanId()).isEqualTo(inventoryServer.spanId());
		assertThat(summary.attributes()).containsEntry("order.id", "1001");
		assertThat(stock.attributes()).containsEntry("sku", "book-1001");
		assertThat(trace).hasSize(5).allSatisfy((span) -> assertThat(span.resource())
			.containsEntry("service.name", "orders-under-test")
			.containsEntry("deployment.environment.name", "test"));
	}

	@Test
	void anIncomingTraceparentIsContinued() throws Exception {
		String traceId = randomHex(16);
		String parentId = randomHex(8);
		get("/orders/1002", Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"));
		List<ReceivedSpan> trace = awaitTrace(traceId, 5);
		ReceivedSpan orderServer = span(trace, SpanKind.SPAN_KIND_SERVER, "http get /orders/{id}");
		assertThat(orderServer.parentSpanId()).isEqualTo(parentId);
		assertThat(orderServer.attributes()).containsEntry("http.url", "/orders/1002");
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
			List<ReceivedSpan> trace = awaitTrace(traceId, 3);
			ReceivedSpan testServer = span(trace, SpanKind.SPAN_KIND_SERVER, "http post /test");
			assertThat(testServer.parentSpanId()).isEqualTo(parentId);
			List<String> clientSpanIds = trace.stream()
				.filter((span) -> span.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
				.peek((span) -> assertThat(span.parentSpanId()).isEqualTo(testServer.spanId()))
				.map(ReceivedSpan::spanId)
				.toList();
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
		ReceivedSpan server = awaitSpan(SpanKind.SPAN_KIND_SERVER, "/orders/1007");
		ReceivedSpan stock = span(awaitTrace(server.traceId(), 5), SpanKind.SPAN_KIND_INTERNAL, "InventoryService.stock");
		assertThat(output.getOut().lines().filter((line) -> line.contains("Stock of book-1007")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(server.traceId()).contains(stock.spanId()));
	}

	@Test
	void theCompletableFuturePathStaysInTheTraceAcrossThreads() throws Exception {
		HttpResponse<String> response = get("/orders/1005/delivery", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"orderId\":\"1005\"");
		ReceivedSpan server = awaitSpan(SpanKind.SPAN_KIND_SERVER, "/orders/1005/delivery");
		List<ReceivedSpan> trace = awaitTrace(server.traceId(), 5);
		ReceivedSpan estimate = span(trace, SpanKind.SPAN_KIND_INTERNAL, "DeliveryService.estimate");
		ReceivedSpan client = span(trace, SpanKind.SPAN_KIND_CLIENT, "http get");
		assertThat(estimate.parentSpanId()).isEqualTo(server.spanId());
		// The inventory call runs on an executor thread, yet is the estimate's child...
		assertThat(client.parentSpanId()).isEqualTo(estimate.spanId());
		// ...and the estimate's span ends when the future completes, not when the method returns.
		assertThat(estimate.span().getEndTimeUnixNano()).isGreaterThanOrEqualTo(client.span().getEndTimeUnixNano());
	}

	@Test
	void theFailingEndpointAnswers500AndItsSpansAreErrors() throws Exception {
		assertThat(get("/orders/1006/invoice", Map.of()).statusCode()).isEqualTo(500);
		ReceivedSpan server = awaitSpan(SpanKind.SPAN_KIND_SERVER, "/orders/1006/invoice");
		List<ReceivedSpan> trace = awaitTrace(server.traceId(), 2);
		ReceivedSpan invoice = span(trace, SpanKind.SPAN_KIND_INTERNAL, "OrderService.invoice");
		assertThat(invoice.parentSpanId()).isEqualTo(server.spanId());
		assertThat(server.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(invoice.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(invoice.span().getEventsList()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
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

	private static ReceivedSpan awaitSpan(SpanKind kind, String url) {
		return await().atMost(TIMEOUT)
			.until(() -> receiver.spans()
				.stream()
				.filter((span) -> span.span().getKind() == kind && url.equals(span.attributes().get("http.url")))
				.findFirst(), java.util.Optional::isPresent)
			.get();
	}

	private static List<ReceivedSpan> awaitTrace(String traceId, int size) {
		await().atMost(TIMEOUT).until(() -> spansOf(traceId).size() >= size);
		return spansOf(traceId);
	}

	private static List<ReceivedSpan> spansOf(String traceId) {
		List<ReceivedSpan> spans = new ArrayList<>();
		for (ReceivedSpan span : receiver.spans()) {
			if (span.traceId().equals(traceId)) {
				spans.add(span);
			}
		}
		return spans;
	}

	private static ReceivedSpan span(List<ReceivedSpan> trace, SpanKind kind, String name) {
		List<ReceivedSpan> matching = trace.stream()
			.filter((span) -> span.span().getKind() == kind && span.name().equals(name))
			.toList();
		assertThat(matching).as("%s span '%s' in %s", kind, name, trace.stream().map(ReceivedSpan::name).toList())
			.hasSize(1);
		return matching.get(0);
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
