package dev.tracekit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.tracekit.test.autoconfigure.AutoConfigureTracekit;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
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
 * The sample app's spans leave over OTLP to a real receiver on loopback: this test opts in to
 * network export with {@code @AutoConfigureTracekit(exporters = true)}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-requests.enabled=false", "tracekit.exporters.main.type=otlp",
				"tracekit.exporters.main.processor.type=simple", "tracekit.resource.service-name=orders-under-test" })
@AutoConfigureTracekit(exporters = true)
class SampleApplicationOtlpExportTests {

	private static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

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
	void anOrderRequestArrivesAtTheCollectorAsOneTraceOfFiveSpans() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/orders/1001")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spanCount() == 5);
		assertThat(receiver.spans()).extracting(ReceivedSpan::traceId).containsOnly(receiver.spans().get(0).traceId());
		assertThat(receiver.spans()).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("GET /orders/{id}", "OrderService.summary", "GET",
					"GET /inventory/{sku}", "InventoryService.stock");
		assertThat(receiver.spans()).allSatisfy(
				(span) -> assertThat(span.resource()).containsEntry("service.name", "orders-under-test"));
	}

}
