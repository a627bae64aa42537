package dev.tracekit.viewer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace viewer in a real Spring MVC application with the actuator, asked over real HTTP
 * about the traces of the application's own requests: the list and its order, its filters, one
 * trace whole, the page for browsers, the bounds under a flood of requests, and the address the
 * startup log gives.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceViewerWebTests {

	private static final SecureRandom random = new SecureRandom();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void listsTheApplicationsTracesNewestFirstWithTheirRootServiceAndSize() throws Exception {
		String base = start();
		Requests sent = fastSlowAndFailing(base);
		DocumentContext list = json(get(base + "/actuator/traces", "application/json"));
		assertThat(list.<List<String>>read("$.traces[*].traceId")).containsExactly(sent.failing(), sent.slow(),
				sent.fast());
		assertThat(list.<List<String>>read("$.traces[*].name")).containsExactly("GET /fail", "GET /slow",
				"GET /items/{id}");
		assertThat(list.<List<String>>read("$.traces[*].service")).containsOnly("viewer-web-test");
		assertThat(list.<List<Integer>>read("$.traces[*].spanCount")).containsExactly(2, 1, 2);
		assertThat(list.<List<Boolean>>read("$.traces[*].error")).containsExactly(true, false, false);
		assertThat(list.<List<Boolean>>read("$.traces[*].partial")).containsOnly(false);
		assertThat(list.<Double>read("$.traces[1].durationMillis")).isGreaterThanOrEqualTo(150.0);
		assertThat(list.<String>read("$.traces[0].start"))
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(list.<Integer>read("$.keptTraces")).isEqualTo(3);
		assertThat(list.<Integer>read("$.maxTraces")).isEqualTo(100);
		assertThat(list.<Integer>read("$.maxMemoryBytes")).isEqualTo(16 * 1024 * 1024);
		assertThat(list.<Integer>read("$.memoryBytes")).isPositive();
		assertThat(list.<Integer>read("$.droppedSpans")).isZero();
		// Asking did not add traces of its own: actuator requests are not traced.
		assertThat(json(get(base + "/actuator/traces", "application/json")).<Integer>read("$.keptTraces")).isEqualTo(3);
	}

	@Test
	void filtersByAnySpansNameTheMinimumDurationAndErrors() throws Exception {
		String base = start();
		Requests sent = fastSlowAndFailing(base);
		assertThat(traceIds(base, "?name=inventory.stock")).containsExactly(sent.fast());
		assertThat(traceIds(base, "?name=get%20/")).containsExactly(sent.failing(), sent.slow(), sent.fast());
		assertThat(traceIds(base, "?minDuration=150ms")).containsExactly(sent.slow());
		assertThat(traceIds(base, "?minDuration=PT0.15S")).containsExactly(sent.slow());
		assertThat(traceIds(base, "?minDuration=150")).containsExactly(sent.slow());
		assertThat(traceIds(base, "?error=true")).containsExactly(sent.failing());
		assertThat(traceIds(base, "?error=false")).containsExactly(sent.slow(), sent.fast());
		assertThat(traceIds(base, "?name=get&error=false&minDuration=150ms")).containsExactly(sent.slow());
		assertThat(get(base + "/actuator/traces?minDuration=soon", "application/json").statusCode()).isEqualTo(400);
		assertThat(get(base + "/actuator/traces?minDuration=-5ms", "application/json").statusCode()).isEqualTo(400);
		assertThat(get(base + "/actuator/traces?error=maybe", "application/json").statusCode()).isEqualTo(400);
	}

	@Test
	void returnsOneTraceWholeWithItsSpansEventsAndResource() throws Exception {
		String base = start();
		String caller = randomHex(8);
		String failed = request(base, "/fail", caller);
		HttpResponse<String> response = get(base + "/actuator/traces/" + failed, "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext trace = json(response);
		assertThat(trace.<String>read("$.summary.traceId")).isEqualTo(failed);
		assertThat(trace.<String>read("$.summary.name")).isEqualTo("GET /fail");
		assertThat(trace.<Boolean>read("$.summary.error")).isTrue();
		assertThat(trace.<Integer>read("$.spansNotKept")).isZero();
		Map<String, Object> server = trace.read("$.spans[0]");
		Map<String, Object> failing = trace.read("$.spans[1]");
		assertThat(server).containsEntry("name", "GET /fail")
			.containsEntry("kind", "SERVER")
			.containsEntry("status", "ERROR")
			.containsEntry("parentSpanId", caller)
			.containsEntry("remoteParent", true)
			.containsEntry("startOffsetMillis", 0.0)
			.containsEntry("resource", 0);
		assertThat(server.get("spanId")).asString().matches("[0-9a-f]{16}");
		assertThat(trace.<Map<String, Object>>read("$.spans[0].attributes")).containsEntry("url.path", "/fail");
		assertThat(failing).containsEntry("name", "Inventory.fail")
			.containsEntry("kind", "INTERNAL")
			.containsEntry("status", "ERROR")
			.containsEntry("parentSpanId", server.get("spanId"))
			.containsEntry("scope", "dev.tracekit.traced");
		assertThat(trace.<Map<String, Object>>read("$.spans[1].attributes")).containsEntry("reason", "inventory down");
		assertThat(trace.<String>read("$.spans[1].events[0].name")).isEqualTo("exception");
		assertThat(trace.<Map<String, Object>>read("$.spans[1].events[0].attributes"))
			.containsEntry("exception.type", "java.lang.IllegalStateException")
			.containsEntry("exception.message", "Out of stock");
		assertThat(trace.<String>read("$.spans[1].events[0].attributes['exception.stacktrace']"))
			.contains("at dev.tracekit.viewer.TraceViewerWebTests$Inventory.fail");
		assertThat(trace.<Map<String, Object>>read("$.resources[0]")).containsEntry("service.name", "viewer-web-test")
			.containsKey("telemetry.sdk.version");
		assertThat(get(base + "/actuator/traces/" + randomHex(16), "application/json").statusCode()).isEqualTo(404);
	}

	@Test
	void aBrowserGetsThePageWhichNeedsNothingFromElsewhere() throws Exception {
		String base = start();
		HttpResponse<String> page = get(base + "/actuator/traces",
				"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(page.body()).startsWith("<!DOCTYPE html>")
			.contains("<title>Traces · tracekit</title>", ".waterfall {", "function renderWaterfall(")
			.doesNotContain("/*@style@*/", "/*@script@*/");
		// Works offline: no script, style sheet, font or image from anywhere but the page itself.
		assertThat(page.body()).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:)?//")
			.doesNotContainPattern("@import|url\\(\\s*[\"']?(https?:)?//");
		assertThat(get(base + "/actuator/traces", "*/*").headers().firstValue("Content-Type"))
			.hasValue("application/json");
		assertThat(get(base + "/actuator/traces", "application/vnd.spring-boot.actuator.v3+json")
			.headers()
			.firstValue("Content-Type")).hasValue("application/vnd.spring-boot.actuator.v3+json");
	}

	@Test
	void aFloodOfRequestsKeepsTheNewestTracesWithinTheLimits() throws Exception {
		String base = start("tracekit.viewer.max-traces=5");
		List<String> produced = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			produced.add(request(base, "/items/" + i));
		}
		DocumentContext list = json(get(base + "/actuator/traces", "application/json"));
		assertThat(list.<List<String>>read("$.traces[*].traceId")).containsExactlyElementsOf(
				List.of(produced.get(11), produced.get(10), produced.get(9), produced.get(8), produced.get(7)));
		assertThat(list.<Integer>read("$.evictedTraces")).isEqualTo(7);
		assertThat(get(base + "/actuator/traces/" + produced.get(6), "application/json").statusCode())
			.isEqualTo(404);

		String small = start("tracekit.viewer.max-memory=24KB");
		List<String> flood = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			flood.add(request(small, "/items/" + "sku-".repeat(50) + i));
		}
		DocumentContext bounded = json(get(small + "/actuator/traces", "application/json"));
		int kept = bounded.read("$.keptTraces");
		assertThat(kept).isBetween(2, 30);
		assertThat(bounded.<Integer>read("$.memoryBytes")).isLessThanOrEqualTo(24 * 1024);
		assertThat(bounded.<Integer>read("$.evictedTraces")).isEqualTo(60 - kept);
		List<String> newestFirst = new ArrayList<>(flood.subList(60 - kept, 60));
		Collections.reverse(newestFirst);
		assertThat(bounded.<List<String>>read("$.traces[*].traceId")).containsExactlyElementsOf(newestFirst);
	}

	@Test
	void theStartupLogGivesThePagesAddressWhereverTheEndpointIs(CapturedOutput output) throws Exception {
		start("server.servlet.context-path=/shop", "management.endpoints.web.base-path=/manage",
				"management.endpoints.web.path-mapping.traces=recent-traces");
		String url = viewerUrl(output);
		assertThat(url).matches("http://localhost:\\d+/shop/manage/recent-traces");
		HttpResponse<String> page = get(url, "text/html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Traces · tracekit</title>");
		assertThat(json(get(url, "application/json")).<Integer>read("$.maxTraces")).isEqualTo(100);
	}

	@Test
	void onAManagementPortOfItsOwnTheLogGivesThatPort(CapturedOutput output) throws Exception {
		String base = start("management.server.port=0");
		String url = viewerUrl(output);
		assertThat(url).matches("http://localhost:\\d+/actuator/traces").doesNotStartWith(base);
		String traceId = request(base, "/items/1");
		assertThat(json(get(url, "application/json")).<List<String>>read("$.traces[*].traceId"))
			.containsExactly(traceId);
	}

	@Test
	void enabledButNotExposedKeepsNothingAndSaysWhy(CapturedOutput output) {
		ConfigurableApplicationContext context = run("management.endpoints.web.exposure.include=health");
		assertThat(context.getBeansOfType(RecentTraces.class)).isEmpty();
		assertThat(context.getBeansOfType(SpanProcessor.class)).isEmpty();
		assertThat(output).contains("tracekit.viewer.enabled=true, but the 'traces' actuator endpoint is not "
				+ "available over HTTP, so no trace is kept")
			.contains("management.endpoints.web.exposure.include")
			.doesNotContain("tracekit: trace viewer at");
	}

	private String start(String... properties) {
		ConfigurableApplicationContext context = run(properties);
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port")
				+ context.getEnvironment().getProperty("server.servlet.context-path", "");
	}

	private ConfigurableApplicationContext run(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"tracekit.viewer.enabled=true", "management.endpoints.web.exposure.include=traces",
				"tracekit.resource.service-name=viewer-web-test", "tracekit.exporters.main.type=none",
				"tracekit.diagnostics.startup-report=false"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private Requests fastSlowAndFailing(String base) throws IOException, InterruptedException {
		return new Requests(request(base, "/items/7"), request(base, "/slow"), request(base, "/fail"));
	}

	// Sends a request that starts a trace of a known id, and returns the id once it was answered.
	private String request(String base, String path) throws IOException, InterruptedException {
		return request(base, path, randomHex(8));
	}

	private String request(String base, String path, String callerSpanId) throws IOException, InterruptedException {
		String traceId = randomHex(16);
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
			.timeout(Duration.ofSeconds(10))
			.build();
		this.http.send(request, HttpResponse.BodyHandlers.discarding());
		return traceId;
	}

	private List<String> traceIds(String base, String query) throws IOException, InterruptedException {
		HttpResponse<String> response = get(base + "/actuator/traces" + query, "application/json");
		assertThat(response.statusCode()).as(query).isEqualTo(200);
		return json(response).read("$.traces[*].traceId");
	}

	private HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static DocumentContext json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private static String viewerUrl(CapturedOutput output) {
		Matcher matcher = Pattern.compile("tracekit: trace viewer at (\\S+)").matcher(output.getOut());
		assertThat(matcher.find()).as("the viewer's address in the log").isTrue();
		return matcher.group(1);
	}

	private static String randomHex(int bytes) {
		byte[] id = new byte[bytes];
		random.nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	/** The trace ids of a request with a child span, of a slow one (160 ms) and of a failing one. */
	private record Requests(String fast, String slow, String failing) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ ShopController.class, Inventory.class })
	static class WebApplication {

	}

	@RestController
	static class ShopController {

		private final Inventory inventory;

		ShopController(Inventory inventory) {
			this.inventory = inventory;
		}

		@GetMapping("/items/{id}")
		String item(@PathVariable String id) {
			return this.inventory.stock(id);
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			Thread.sleep(160);
			return "slow";
		}

		@GetMapping("/fail")
		String fail() {
			this.inventory.fail("inventory down");
			return "unreachable";
		}

	}

	static class Inventory {

		@Traced
		public String stock(@SpanAttribute("sku") String sku) {
			return sku + ": 3";
		}

		@Traced
		public void fail(@SpanAttribute("reason") String reason) {
			throw new IllegalStateException("Out of stock");
		}

	}

}
