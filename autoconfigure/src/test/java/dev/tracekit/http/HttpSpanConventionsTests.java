package dev.tracekit.http;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tracekit.http.HttpTestApplication.Client;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * End to end, over real HTTP: the spans of Spring MVC and WebFlux servers and of
 * {@code RestClient}, {@code RestTemplate} and {@code WebClient} calls arrive at a real OTLP
 * receiver named and described by OpenTelemetry's HTTP semantic conventions, while the request
 * metrics keep Spring's names and tags.
 */
class HttpSpanConventionsTests {

	// Spring's own key values: metric tags, never span attributes under the OpenTelemetry conventions.
	private static final List<String> MICROMETER_KEYS = List.of("method", "status", "uri", "outcome", "exception",
			"http.url", "client.name");

	private static final AtomicInteger ids = new AtomicInteger(100);

	@RegisterExtension
	static final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private static ConfigurableApplicationContext servlet;

	private static ConfigurableApplicationContext reactive;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startApplications() {
		servlet = HttpTestApplication.start("servlet", receiver);
		reactive = HttpTestApplication.start("reactive", receiver);
	}

	@AfterAll
	static void stopApplications() {
		servlet.close();
		reactive.close();
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void aServerSpanIsNamedAfterMethodAndRouteWithTheConventionsAttributes(Stack stack) throws Exception {
		int id = ids.incrementAndGet();
		HttpResponse<String> response = send(stack, "GET", "/orders/" + id + "?verbose=true&sig=s3cr3t");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "url.path", "/orders/" + id);
		assertThat(span.name()).isEqualTo("GET /orders/{id}");
		Map<String, Object> attributes = span.attributes();
		assertThat(attributes).containsEntry("http.request.method", "GET")
			.containsEntry("http.route", "/orders/{id}")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("url.scheme", "http")
			.containsEntry("url.query", "verbose=true&sig=REDACTED")
			.containsEntry("server.address", "localhost")
			.containsEntry("server.port", (long) port(stack))
			.containsEntry("client.address", "127.0.0.1")
			.containsEntry("user_agent.original", "conventions-test")
			.doesNotContainKeys("error.type", "http.request.method_original")
			.doesNotContainKeys(MICROMETER_KEYS.toArray(String[]::new));
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
	}

	@Test
	void aServletServerSpanCarriesTheProtocolVersion() throws Exception {
		int id = ids.incrementAndGet();
		send(Stack.SERVLET, "GET", "/orders/" + id);
		assertThat(awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "url.path", "/orders/" + id).attributes())
			.containsEntry("network.protocol.version", "1.1");
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void aServerAnswering404IsNotAnErrorEvenWhenAnExceptionMadeTheAnswer(Stack stack) throws Exception {
		int id = ids.incrementAndGet();
		assertThat(send(stack, "GET", "/orders/" + id + "/missing").statusCode()).isEqualTo(404);
		ReceivedSpan span = awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "url.path", "/orders/" + id + "/missing");
		assertThat(span.attributes()).containsEntry("http.response.status_code", 404L).doesNotContainKey("error.type");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void aServerAnswering500IsAnErrorTypedByItsStatusCode(Stack stack) throws Exception {
		int id = ids.incrementAndGet();
		assertThat(send(stack, "GET", "/orders/" + id + "/broken").statusCode()).isEqualTo(500);
		ReceivedSpan span = awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "url.path", "/orders/" + id + "/broken");
		assertThat(span.attributes()).containsEntry("http.response.status_code", 500L)
			.containsEntry("error.type", "500");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(span.span().getEventsList()).anySatisfy((event) -> {
			assertThat(event.getName()).isEqualTo("exception");
			assertThat(OtlpTestReceiver.attributes(event.getAttributesList()))
				.containsEntry("exception.type", IllegalStateException.class.getName());
		});
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void aMethodOutsideTheStandardOnesIsOtherAndTheSpanIsNamedHttp(Stack stack) throws Exception {
		int id = ids.incrementAndGet();
		send(stack, "PURGE", "/orders/" + id);
		ReceivedSpan span = awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "url.path", "/orders/" + id);
		assertThat(span.name()).startsWith("HTTP");
		assertThat(span.attributes()).containsEntry("http.request.method", "_OTHER")
			.containsEntry("http.request.method_original", "PURGE");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aClientSpanIsNamedAfterTheMethodWithTheFullUrlAndParentsTheServerSpan(Client client) {
		int id = ids.incrementAndGet();
		String url = "http://localhost:" + port(Stack.SERVLET) + "/orders/" + id + "?sig=s3cr3t";
		assertThat(client.get(servlet, url)).isEqualTo(200);
		ReceivedSpan span = awaitSpan(receiver, SpanKind.SPAN_KIND_CLIENT, "url.full",
				"http://localhost:" + port(Stack.SERVLET) + "/orders/" + id + "?sig=REDACTED");
		assertThat(span.name()).isEqualTo("GET");
		assertThat(span.attributes()).containsEntry("http.request.method", "GET")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("server.address", "localhost")
			.containsEntry("server.port", (long) port(Stack.SERVLET))
			.doesNotContainKey("error.type")
			.doesNotContainKeys(MICROMETER_KEYS.toArray(String[]::new));
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		ReceivedSpan server = awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "url.path", "/orders/" + id);
		assertThat(server.parentSpanId()).isEqualTo(span.spanId());
		assertThat(server.traceId()).isEqualTo(span.traceId());
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aClientCallAnswered404IsAnErrorTypedByItsStatusCode(Client client) {
		int id = ids.incrementAndGet();
		String url = "http://localhost:" + port(Stack.SERVLET) + "/orders/" + id + "/missing";
		assertThat(client.get(servlet, url)).isEqualTo(404);
		ReceivedSpan span = awaitSpan(receiver, SpanKind.SPAN_KIND_CLIENT, "url.full", url);
		assertThat(span.attributes()).containsEntry("http.response.status_code", 404L)
			.containsEntry("error.type", "404");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aClientCallThatGetsNoAnswerIsAnErrorTypedByItsException(Client client) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String url = "http://user:password@127.0.0.1:" + closedPort + "/orders/1";
		assertThatException().isThrownBy(() -> client.get(servlet, url));
		ReceivedSpan span = awaitSpan(receiver, SpanKind.SPAN_KIND_CLIENT, "url.full",
				"http://REDACTED:REDACTED@127.0.0.1:" + closedPort + "/orders/1");
		assertThat(span.attributes()).containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", (long) closedPort)
			.doesNotContainKey("http.response.status_code")
			.hasEntrySatisfying("error.type", (type) -> assertThat(type).asString().contains("Exception"));
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void keyValuesAnObservationFilterAddsStayOnTheSpan(Stack stack) throws Exception {
		int id = ids.incrementAndGet();
		send(stack, "GET", "/orders/" + id);
		assertThat(awaitSpan(receiver, SpanKind.SPAN_KIND_SERVER, "url.path", "/orders/" + id).attributes())
			.containsEntry("tenant", "acme");
	}

	private HttpResponse<String> send(Stack stack, String method, String pathAndQuery) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(stack) + pathAndQuery))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("User-Agent", "conventions-test")
			.timeout(HttpTestApplication.TIMEOUT)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int port(Stack stack) {
		return HttpTestApplication.port((stack == Stack.SERVLET) ? servlet : reactive);
	}

	private static ReceivedSpan awaitSpan(OtlpTestReceiver receiver, SpanKind kind, String attribute, String value) {
		return HttpTestApplication.awaitSpan(receiver, kind, attribute, value);
	}

	enum Stack {

		SERVLET, REACTIVE

	}

}
