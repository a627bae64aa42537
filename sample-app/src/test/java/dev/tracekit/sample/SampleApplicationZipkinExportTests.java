package dev.tracekit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tracekit.test.autoconfigure.AutoConfigureTracekit;
import dev.tracekit.testing.ZipkinTestServer;
import dev.tracekit.testing.ZipkinTestServer.ZipkinSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's traces arrive whole at a real Zipkin server (3.5.1, in-memory storage, started
 * with {@code java -jar} on a loopback port), read back through Zipkin's own API: every span, its
 * parent, the service name, the span kinds and the error status of a failing request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-requests.enabled=false", "tracekit.exporters.zipkin.type=zipkin",
				"tracekit.exporters.zipkin.processor.schedule-delay=100ms",
				"tracekit.resource.service-name=orders-under-zipkin" })
@AutoConfigureTracekit(exporters = true)
class SampleApplicationZipkinExportTests {

	private static final String SERVICE = "orders-under-zipkin";

	private static final ZipkinTestServer zipkin = ZipkinTestServer.start();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void exportToZipkin(DynamicPropertyRegistry registry) {
		registry.add("tracekit.exporters.zipkin.endpoint", zipkin::spansEndpoint);
	}

	@AfterAll
	static void stopZipkin() {
		zipkin.close();
	}

	@Test
	void anOrderRequestArrivesAtZipkinAsOneTraceOfFiveSpansWithTheirParents() throws Exception {
		assertThat(get("/orders/1001").statusCode()).isEqualTo(200);
		List<ZipkinSpan> trace = awaitTraceWith("orderservice.summary", 5);
		assertThat(trace).extracting(ZipkinSpan::name)
			.containsExactlyInAnyOrder("get /orders/{id}", "orderservice.summary", "get", "get /inventory/{sku}",
					"inventoryservice.stock");
		assertThat(trace).extracting(ZipkinSpan::serviceName).containsOnly(SERVICE);
		assertWhole(trace);
		assertThat(span(trace, "get /orders/{id}").parentId()).isNull();
		assertThat(span(trace, "orderservice.summary").parentId()).isEqualTo(span(trace, "get /orders/{id}").id());
		assertThat(span(trace, "get").parentId()).isEqualTo(span(trace, "orderservice.summary").id());
		assertThat(span(trace, "get /inventory/{sku}").parentId()).isEqualTo(span(trace, "get").id());
		assertThat(span(trace, "inventoryservice.stock").parentId()).isEqualTo(span(trace, "get /inventory/{sku}").id());
		assertThat(span(trace, "get /orders/{id}").kind()).isEqualTo("SERVER");
		assertThat(span(trace, "get").kind()).isEqualTo("CLIENT");
		assertThat(span(trace, "orderservice.summary").tags()).containsEntry("order.id", "1001");
		assertThat(trace).allSatisfy((span) -> assertThat(span.tags()).doesNotContainKey("error"));
	}

	@Test
	void aFailingRequestArrivesWithItsErrorStatus() throws Exception {
		assertThat(get("/orders/1002/invoice").statusCode()).isEqualTo(500);
		List<ZipkinSpan> trace = awaitTraceWith("orderservice.invoice", 2);
		assertWhole(trace);
		ZipkinSpan request = span(trace, "get /orders/{id}/invoice");
		ZipkinSpan invoice = span(trace, "orderservice.invoice");
		assertThat(invoice.parentId()).isEqualTo(request.id());
		assertThat(invoice.tags()).containsKey("error").containsEntry("order.id", "1002");
		assertThat(request.tags()).containsKey("error").containsEntry("http.response.status_code", "500");
	}

	// Every span of the trace is in it once, and the parent of every span but the root is in it too.
	private static void assertWhole(List<ZipkinSpan> trace) {
		Set<String> ids = trace.stream().map(ZipkinSpan::id).collect(Collectors.toSet());
		assertThat(ids).hasSameSizeAs(trace);
		assertThat(trace).extracting(ZipkinSpan::traceId).containsOnly(trace.get(0).traceId());
		assertThat(trace).filteredOn((span) -> span.parentId() == null).hasSize(1);
		assertThat(trace).filteredOn((span) -> span.parentId() != null)
			.allSatisfy((span) -> assertThat(ids).contains(span.parentId()));
	}

	private static List<ZipkinSpan> awaitTraceWith(String spanName, int spans) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> traceWith(spanName) != null && traceWith(spanName).size() >= spans);
		// A moment more: a span that arrived late would show as a missing parent or a wrong count.
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		return traceWith(spanName);
	}

	private static List<ZipkinSpan> traceWith(String spanName) {
		return zipkin.traces(SERVICE)
			.stream()
			.filter((trace) -> trace.stream().anyMatch((span) -> spanName.equals(span.name())))
			.findFirst()
			.orElse(null);
	}

	private static ZipkinSpan span(List<ZipkinSpan> trace, String name) {
		return trace.stream().filter((span) -> name.equals(span.name())).findFirst().orElseThrow();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
