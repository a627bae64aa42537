package dev.tracekit.http;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tracekit.http.HttpTestApplication.Client;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static dev.tracekit.http.HttpTestApplication.awaitSpan;
import static dev.tracekit.http.HttpTestApplication.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code tracekit.instrumentation.http.conventions}: Micrometer's names on the spans when asked
 * for, the request metrics the same whichever conventions the spans follow, and an invalid value
 * refused at startup. One application at a time: each closes the Reactor Netty resources it
 * shares with others in the JVM.
 */
class HttpConventionsSettingTests {

	@RegisterExtension
	static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@Test
	void micrometerConventionsKeepSpringsNamesOnTheSpans() {
		try (ConfigurableApplicationContext context = HttpTestApplication.start("servlet", receiver,
				"tracekit.instrumentation.http.conventions=micrometer")) {
			String url = "http://localhost:" + port(context) + "/orders/7001";
			assertThat(Client.REST_CLIENT.get(context, url)).isEqualTo(200);
			ReceivedSpan server = awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "http.url", "/orders/7001");
			assertThat(server.name()).isEqualTo("http get /orders/{id}");
			assertThat(server.attributes()).containsEntry("method", "GET")
				.containsEntry("uri", "/orders/{id}")
				.containsEntry("status", "200")
				.doesNotContainKeys("http.request.method", "http.route");
			assertThat(awaitSpan(receiver, SpanKind.SPAN_KIND_CLIENT, "http.url", url).name()).isEqualTo("http get");
		}
	}

	@Test
	void theRequestMetricsAreTheSameWhicheverConventionsTheSpansFollow() {
		Map<String, List<Tag>> underOpenTelemetry = requestMetricTags("opentelemetry");
		Map<String, List<Tag>> underMicrometer = requestMetricTags("micrometer");
		assertThat(underOpenTelemetry).isEqualTo(underMicrometer);
		assertThat(underOpenTelemetry.get("http.server.requests")).containsExactlyInAnyOrder(Tag.of("error", "none"),
				Tag.of("exception", "none"), Tag.of("method", "GET"), Tag.of("outcome", "SUCCESS"),
				Tag.of("status", "200"), Tag.of("uri", "/orders/{id}"));
		assertThat(underOpenTelemetry.get("http.client.requests")).containsExactlyInAnyOrder(Tag.of("error", "none"),
				Tag.of("client.name", "localhost"), Tag.of("exception", "none"), Tag.of("method", "GET"),
				Tag.of("outcome", "SUCCESS"), Tag.of("status", "200"), Tag.of("uri", "/orders/{id}"));
	}

	@Test
	void anUnknownValueFailsStartupNamingThePropertyAndTheAcceptedValues() {
		assertThatException()
			.isThrownBy(() -> HttpTestApplication.start("servlet", receiver,
					"tracekit.instrumentation.http.conventions=zipkin"))
			.satisfies((ex) -> assertThat(messages(ex)).contains("tracekit.instrumentation.http.conventions")
				.contains("zipkin"));
	}

	// The tags of every request meter after one RestClient call to the application itself.
	private static Map<String, List<Tag>> requestMetricTags(String conventions) {
		try (ConfigurableApplicationContext context = HttpTestApplication.start("servlet", receiver,
				"tracekit.instrumentation.http.conventions=" + conventions)) {
			context.getBean(RestClient.Builder.class)
				.build()
				.get()
				.uri("http://localhost:{port}/orders/{id}", port(context), 7002)
				.retrieve()
				.toBodilessEntity();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(HttpTestApplication.TIMEOUT)
				.until(() -> registry.find("http.server.requests").timer() != null
						&& registry.find("http.client.requests").timer() != null);
			Map<String, List<Tag>> tags = new TreeMap<>();
			for (Meter meter : registry.getMeters()) {
				String name = meter.getId().getName();
				if (name.startsWith("http.")) {
					assertThat(tags.put(name, meter.getId().getTags())).as("one meter named " + name).isNull();
				}
			}
			return tags;
		}
	}

	private static String messages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
