package dev.tracekit.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The trace viewer in a real browser: the sample app as it ships, on a free port, and headless
 * Chromium opening the address its startup output prints. It picks the {@code /orders/{id}}
 * trace and checks that the waterfall shows every span of it, nested under its parent and drawn
 * within it on the shared time axis, with kind and status visible; that the failing invoice trace
 * is marked as an error; and that a span's attributes and resource show on click. It saves the
 * screenshot the README shows, of a request's trace after a refresh: {@code target/trace-viewer.png},
 * and {@code docs/trace-viewer.png} when run with {@code -Dtrace-viewer.screenshot.update=true}.
 *
 * <p>
 * Needs Chromium and its driver ({@code apt-get install -y chromium chromium-driver} on Debian);
 * where they are missing the test is skipped, saying so.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceViewerBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theWaterfallShowsEveryOrderSpanNestedAndTheFailingInvoiceAsAnError(CapturedOutput output,
			@TempDir Path profile) throws Exception {
		Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
		Optional<Path> chromedriver = executable("chromedriver");
		if (chromium.isEmpty() || chromedriver.isEmpty()) {
			String reason = "SKIPPED: the trace viewer's browser test needs Chromium and chromedriver on the PATH "
					+ "(Debian: apt-get install -y chromium chromium-driver)";
			// On the build's console too: Maven's summary counts skipped tests but does not say why.
			System.err.println(reason);
			assumeTrue(false, reason);
		}
		// GlobalOpenTelemetry is the other sample tests' cached context's; this one must not try to take it.
		try (ConfigurableApplicationContext app = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--tracekit.register-global=false")) {
			String url = viewerUrlPrintedAfterTheSpans(output);
			String port = app.getEnvironment().getProperty("local.server.port");
			assertThat(url).isEqualTo("http://localhost:" + port + "/actuator/traces");
			ChromeDriver browser = chrome(chromium.get(), chromedriver.get(), profile);
			try {
				browser.get(url);
				WebDriverWait wait = new WebDriverWait(browser, WAIT);
				wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".trace-item"), 3));

				WebElement orders = traceItem(browser, "demo GET /orders/42");
				assertThat(orders.getAttribute("data-error")).isEqualTo("false");
				DocumentContext trace = trace(url, orders.getAttribute("data-trace-id"));
				List<Map<String, Object>> spans = trace.read("$.spans");
				orders.click();
				wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".waterfall .row"), spans.size()));
				List<WebElement> rows = browser.findElements(By.cssSelector(".waterfall .row"));
				assertWaterfall(rows, spans);
				assertThat(rows).extracting((row) -> row.findElement(By.className("span-name")).getText())
					.containsExactly("demo GET /orders/42", "GET", "GET /orders/{id}", "OrderService.summary",
							"GET", "GET /inventory/{sku}", "InventoryService.stock");
				assertThat(rows).extracting((row) -> row.getAttribute("data-depth"))
					.containsExactly("0", "1", "2", "3", "4", "5", "6");

				WebElement server = row(rows, "GET /orders/{id}");
				server.click();
				WebElement details = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("details")));
				assertThat(details.findElement(By.tagName("h2")).getText()).isEqualTo("GET /orders/{id}");
				assertThat(value(details, "url.path")).isEqualTo("/orders/42");
				assertThat(value(details, "service.name")).isEqualTo("tracekit-sample");
				assertThat(value(details, "deployment.environment.name")).isEqualTo("local");

				WebElement invoice = traceItem(browser, "demo GET /orders/42/invoice");
				assertThat(invoice.getAttribute("data-error")).isEqualTo("true");
				assertThat(invoice.findElement(By.cssSelector(".badge.error")).isDisplayed()).isTrue();
				DocumentContext failed = trace(url, invoice.getAttribute("data-trace-id"));
				invoice.click();
				wait.until(ExpectedConditions.textToBe(By.cssSelector(".trace-title span"),
						"demo GET /orders/42/invoice"));
				wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".waterfall .row"),
						failed.<List<Object>>read("$.spans").size()));
				List<WebElement> failedRows = browser.findElements(By.cssSelector(".waterfall .row"));
				assertWaterfall(failedRows, failed.read("$.spans"));
				assertThat(browser.findElement(By.cssSelector(".trace-title .badge.error")).isDisplayed()).isTrue();
				WebElement failing = row(failedRows, "OrderService.invoice");
				assertThat(failing.getAttribute("class")).contains("error");
				assertThat(failing.findElement(By.className("error-mark")).isDisplayed()).isTrue();
				failing.click();
				WebElement exception = wait
					.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details .event.exception")));
				assertThat(exception.getText()).contains("Invoicing is down for maintenance (order 42)");

				// Refresh on demand: a request made after the page loaded shows up when asked for.
				HttpResponse<Void> answer = this.http.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders/7")).build(),
						HttpResponse.BodyHandlers.discarding());
				assertThat(answer.statusCode()).isEqualTo(200);
				browser.findElement(By.id("refresh")).click();
				wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".trace-item"), 4));
				WebElement warm = browser.findElements(By.cssSelector(".trace-item")).get(0);
				assertThat(warm.getAttribute("data-name")).isEqualTo("GET /orders/{id}");

				// The README's screenshot: this request's trace, the JVM warmed up by the demo's.
				DocumentContext order = trace(url, warm.getAttribute("data-trace-id"));
				warm.click();
				wait.until(ExpectedConditions.textToBe(By.cssSelector(".trace-title span"), "GET /orders/{id}"));
				wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".waterfall .row"), 5));
				List<WebElement> orderRows = browser.findElements(By.cssSelector(".waterfall .row"));
				assertWaterfall(orderRows, order.read("$.spans"));
				assertThat(orderRows).extracting((row) -> row.findElement(By.className("span-name")).getText())
					.containsExactly("GET /orders/{id}", "OrderService.summary", "GET",
							"GET /inventory/{sku}", "InventoryService.stock");
				row(orderRows, "GET /orders/{id}").click();
				wait.until(ExpectedConditions.textToBe(By.cssSelector("#details h2"), "GET /orders/{id}"));
				assertThat(value(browser.findElement(By.id("details")), "url.path")).isEqualTo("/orders/7");
				screenshot(browser);
			}
			finally {
				browser.quit();
			}
		}
	}

	// Every span of the trace is a row; each row comes after its parent's, one level deeper, and
	// its bar lies within its parent's bar on the shared time axis. Kind and status are visible.
	private static void assertWaterfall(List<WebElement> rows, List<Map<String, Object>> spans) {
		assertThat(rows).extracting((row) -> row.getAttribute("data-span-id"))
			.containsExactlyInAnyOrderElementsOf(spans.stream().map((span) -> (String) span.get("spanId")).toList());
		Map<String, WebElement> shown = new HashMap<>();
		for (WebElement row : rows) {
			Map<String, Object> span = spans.stream()
				.filter((candidate) -> candidate.get("spanId").equals(row.getAttribute("data-span-id")))
				.findFirst()
				.orElseThrow();
			String parentId = (String) span.get("parentSpanId");
			WebElement parent = (parentId != null) ? shown.get(parentId) : null;
			if (parent != null) {
				assertThat(Integer.parseInt(row.getAttribute("data-depth")))
					.isEqualTo(Integer.parseInt(parent.getAttribute("data-depth")) + 1);
				WebElement bar = row.findElement(By.className("bar"));
				WebElement parentBar = parent.findElement(By.className("bar"));
				assertThat(bar.getRect().getX()).isGreaterThanOrEqualTo(parentBar.getRect().getX() - 1);
				assertThat(bar.getRect().getX() + bar.getRect().getWidth())
					.isLessThanOrEqualTo(parentBar.getRect().getX() + parentBar.getRect().getWidth() + 1);
			}
			else {
				assertThat(row.getAttribute("data-depth")).isEqualTo("0");
			}
			assertThat(row.findElement(By.cssSelector(".badge.kind")).getText())
				.isEqualToIgnoringCase((String) span.get("kind"));
			boolean error = "ERROR".equals(span.get("status"));
			assertThat(row.getAttribute("class").contains("error")).as("row of %s marked as error", span.get("name"))
				.isEqualTo(error);
			assertThat(row.findElements(By.className("error-mark"))).hasSize(error ? 1 : 0);
			shown.put((String) span.get("spanId"), row);
		}
		// The root's bar spans the whole axis.
		WebElement root = rows.get(0).findElement(By.className("bar"));
		WebElement track = rows.get(0).findElement(By.className("track"));
		assertThat((double) root.getRect().getWidth()).isCloseTo(track.getRect().getWidth(), within(2.0));
	}

	// The console exporter's lines, the demo's summary, then tracekit's line with the page's address.
	private static String viewerUrlPrintedAfterTheSpans(CapturedOutput output) {
		List<String> lines = output.getOut().lines().toList();
		int demo = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains("Demo requests sent.")) {
				demo = i;
			}
		}
		assertThat(demo).as("the demo's summary line").isPositive();
		assertThat(lines.subList(0, demo)).anyMatch((line) -> line.startsWith("[tracekit] demo GET /orders/42 "));
		assertThat(lines.get(demo)).endsWith("the trace viewer (next line) draws them");
		Matcher matcher = Pattern.compile("tracekit: trace viewer at (\\S+)$").matcher(lines.get(demo + 1));
		assertThat(matcher.find()).as("the viewer's address right after it: %s", lines.get(demo + 1)).isTrue();
		return matcher.group(1);
	}

	private DocumentContext trace(String viewerUrl, String traceId) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(viewerUrl + "/" + traceId))
			.header("Accept", "application/json")
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private static WebElement traceItem(ChromeDriver browser, String name) {
		return browser.findElements(By.cssSelector(".trace-item"))
			.stream()
			.filter((item) -> name.equals(item.getAttribute("data-name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No trace named '" + name + "' in the list"));
	}

	private static WebElement row(List<WebElement> rows, String name) {
		return rows.stream()
			.filter((row) -> row.findElement(By.className("span-name")).getText().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named '" + name + "' in the waterfall"));
	}

	private static String value(WebElement details, String key) {
		return details.findElement(By.cssSelector(".kv-entry[data-key='" + key + "'] dd")).getText();
	}

	private static ChromeDriver chrome(Path chromium, Path chromedriver, Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// As root in a container: no sandbox; a fresh profile; nothing fetched from the network.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile, "--window-size=1440,1040", "--force-device-scale-factor=1");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static void screenshot(ChromeDriver browser) throws IOException {
		File shot = browser.getScreenshotAs(OutputType.FILE);
		Path target = Paths.get("target", "trace-viewer.png");
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		if (Boolean.getBoolean("trace-viewer.screenshot.update")) {
			Path docs = Paths.get("..", "docs", "trace-viewer.png");
			Files.createDirectories(docs.getParent());
			Files.copy(target, docs, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static Optional<Path> executable(String... names) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(names)
			.flatMap((name) -> Stream.of(path.split(File.pathSeparator)).map((directory) -> Paths.get(directory, name)))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
