package dev.tracekit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.opentelemetry.api.trace.TraceFlags;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the W3C Trace Context conformance suite against a test service and checks the result. The
 * suite is the {@code test/} folder of the w3c/trace-context repository, unchanged, in this
 * module's test resources ({@code w3c-trace-context-test/}, with its licence and origin). It is a
 * Python 3 program that needs {@code aiohttp} (Debian: {@code apt-get install python3-aiohttp}):
 * where none is found, the tests are skipped with a message saying so
 * ({@link #pythonWithAiohttpFound()}).
 */
public final class TraceContextConformance {

	/** Level 1 ({@code TraceContextTest}, {@code AdvancedTest}) at strict level 2: 40 tests. */
	static final int LEVEL_1_TESTS = 40;

	private static final String SUITE = "w3c-trace-context-test/";

	private static final List<String> SUITE_FILES = List.of("test.py", "client.py", "server.py",
			"tracecontext/__init__.py", "tracecontext/traceparent.py", "tracecontext/tracestate.py");

	// The Python on PATH first (pyenv, a virtualenv), then Debian's, where python3-aiohttp goes.
	private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

	private static final String SKIPPED = "W3C Trace Context conformance suite skipped: none of " + PYTHONS
			+ " is a Python 3 with aiohttp (Debian: apt-get install -y python3-aiohttp)";

	// unittest's verbose lines: "test_x (__main__.Suite[.test_x])", then "[description] ... outcome".
	private static final Pattern TEST = Pattern.compile("^(test_\\w+) \\(__main__\\.(\\w+)[.\\w]*\\)");

	private static final Pattern OUTCOME = Pattern
		.compile(" \\.\\.\\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$");

	private TraceContextConformance() {
	}

	/**
	 * Runs every level of the suite against the service and asserts that every level-1 test
	 * passes, and the level-2 test too where the OpenTelemetry API carries the random trace-id flag
	 * (1.60 and later). Prints the counts.
	 * @param serviceUrl the test service, such as {@code http://127.0.0.1:8080/test}
	 * @param stack what serves it, for the printed summary
	 */
	public static void assertConformance(String serviceUrl, String stack) {
		Result result = run(serviceUrl);
		System.out.println("W3C Trace Context conformance on " + stack + ": level 1 " + result.passed(1) + "/"
				+ result.count(1) + ", level 2 " + result.passed(2) + "/" + result.count(2) + " tests pass");
		assertThat(result.failed(1)).as("level-1 tests failed\n%s", result.output()).isEmpty();
		assertThat(result.passed(1)).as("level-1 tests passed\n%s", result.output()).isEqualTo(LEVEL_1_TESTS);
		if (randomTraceIdFlagSupported()) {
			assertThat(result.failed(2)).as("level-2 tests failed\n%s", result.output()).isEmpty();
			assertThat(result.passed(2)).as("level-2 tests passed\n%s", result.output()).isEqualTo(1);
		}
	}

	/**
	 * Runs every level of the suite against the service.
	 * @param serviceUrl the test service
	 * @return each test's outcome
	 */
	static Result run(String serviceUrl) {
		String python = pythonWithAiohttp();
		assumeTrue(python != null, SKIPPED);
		Path suite = copySuite();
		try {
			Path output = suite.resolve("output.txt");
			ProcessBuilder builder = new ProcessBuilder(python, "test.py", serviceUrl).directory(suite.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().put("SPEC_LEVEL", "2");
			builder.environment().put("STRICT_LEVEL", "2");
			builder.environment().put("HARNESS_HOST", "127.0.0.1");
			builder.environment().put("HARNESS_PORT", Integer.toString(freePort()));
			builder.environment().remove("HARNESS_DEBUG");
			Process process = builder.start();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("The W3C suite did not end within 2 minutes:\n" + read(output));
			}
			return Result.parse(read(output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			delete(suite);
		}
	}

	/**
	 * Whether the OpenTelemetry API on the classpath carries level 2's random trace-id flag from a
	 * parent to its children (1.60 and later; Spring Boot 4.0 manages 1.55).
	 * @return whether it does
	 */
	static boolean randomTraceIdFlagSupported() {
		return Stream.of(TraceFlags.class.getMethods()).anyMatch((method) -> method.getName().equals("isTraceIdRandom"));
	}

	/**
	 * Whether a Python 3 with aiohttp is found; where none is, says so. For
	 * {@code @EnabledIf("dev.tracekit.testing.TraceContextConformance#pythonWithAiohttpFound")} on
	 * a test class, which is then skipped before its service starts.
	 * @return whether the suite can run here
	 */
	public static boolean pythonWithAiohttpFound() {
		if (pythonWithAiohttp() != null) {
			return true;
		}
		System.out.println(SKIPPED);
		return false;
	}

	private static @Nullable String pythonWithAiohttp() {
		for (String python : PYTHONS) {
			if (runs(python, "-c", "import aiohttp")) {
				return python;
			}
		}
		return null;
	}

	private static boolean runs(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Path copySuite() {
		try {
			Path directory = Files.createTempDirectory("w3c-trace-context-test");
			for (String file : SUITE_FILES) {
				Path target = directory.resolve(file);
				Files.createDirectories(target.getParent());
				try (InputStream in = TraceContextConformance.class.getClassLoader()
					.getResourceAsStream(SUITE + file)) {
					assertThat(in).as("classpath resource %s", SUITE + file).isNotNull();
					Files.copy(in, target);
				}
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Leniently: a failure's report may quote bytes that are not UTF-8.
	private static String read(Path output) throws IOException {
		return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary directory fails nothing.
		}
	}

	/**
	 * The outcome of each test the suite ran, by {@code Suite.test_name}.
	 * @param outcomes {@code ok}, {@code FAIL}, {@code ERROR}, {@code skipped ...}, by test
	 * @param output what the suite printed
	 */
	record Result(Map<String, String> outcomes, String output) {

		static Result parse(String output) {
			Map<String, String> outcomes = new LinkedHashMap<>();
			@Nullable String current = null;
			for (String line : output.split("\\R")) {
				Matcher test = TEST.matcher(line);
				if (test.find()) {
					current = test.group(2) + "." + test.group(1);
				}
				Matcher outcome = OUTCOME.matcher(line);
				if (current != null && outcome.find()) {
					outcomes.put(current, outcome.group(1));
					current = null;
				}
			}
			return new Result(outcomes, output);
		}

		int count(int level) {
			return ofLevel(level).size();
		}

		int passed(int level) {
			return (int) ofLevel(level).values().stream().filter("ok"::equals).count();
		}

		List<String> failed(int level) {
			List<String> failed = new ArrayList<>();
			ofLevel(level).forEach((test, outcome) -> {
				if (!outcome.equals("ok")) {
					failed.add(test + ": " + outcome);
				}
			});
			return failed;
		}

		private Map<String, String> ofLevel(int level) {
			Map<String, String> ofLevel = new LinkedHashMap<>();
			this.outcomes.forEach((test, outcome) -> {
				if (level == (test.startsWith("TraceContext2Test.") ? 2 : 1)) {
					ofLevel.put(test, outcome);
				}
			});
			return ofLevel;
		}

	}

}
