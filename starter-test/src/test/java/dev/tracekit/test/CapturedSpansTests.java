package dev.tracekit.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.tracekit.test.app.OrderService;
import dev.tracekit.test.app.ShopApplication;
import dev.tracekit.test.autoconfigure.AutoConfigureTracekit;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.tracekit.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A full application over real HTTP: what a request traces, as a test of an application checks it. */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTracekit
class CapturedSpansTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private CapturedSpans spans;

	@Autowired
	private OrderService orders;

	@LocalServerPort
	private int port;

	@Test
	void aRequestIsOneTraceFromTheServerSpanToTheTracedMethod() throws Exception {
		assertThat(get("/orders/7").statusCode()).isEqualTo(200);
		// The server span ends as the response completes, possibly after the client has it.
		this.spans.awaitSpan("GET /orders/{id}");
		assertThat(this.spans).hasSpanCount(2).allInOneTrace().hasNoOrphans();
		assertThat(this.spans).span("GET /orders/{id}")
			.isRoot()
			.hasKind(SpanKind.SERVER)
			.hasAttribute("url.path", "/orders/7")
			.hasChildren("OrderService.summary");
		assertThat(this.spans).span("OrderService.summary").hasKind(SpanKind.INTERNAL).hasAttribute("order.id", "7");
	}

	@Test
	void aFailingRequestMarksItsSpansAsErrors() throws Exception {
		assertThat(get("/orders/8/invoice").statusCode()).isEqualTo(500);
		this.spans.awaitSpan("GET /orders/{id}/invoice");
		assertThat(this.spans).span("OrderService.invoice")
			.isError()
			.hasException(IllegalStateException.class)
			.hasParent("GET /orders/{id}/invoice");
	}

	@Test
	void anAsynchronousSpanIsAwaitedWithinABound() {
		this.orders.deliveryEstimate("9", Duration.ofMillis(300));
		assertThat(this.spans).hasNoSpanNamed("OrderService.deliveryEstimate");
		this.spans.awaitSpan("OrderService.deliveryEstimate");
		assertThat(this.spans).span("OrderService.deliveryEstimate").isRoot().hasAttribute("order.id", "9");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
