package dev.tracekit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Startup time of a minimal Spring Boot application (no web server) with no tracing, with
 * tracekit (at its defaults, and with one export at a time instead of four), with Spring Boot's
 * {@code spring-boot-starter-opentelemetry} and with OpenTelemetry's
 * {@code opentelemetry-spring-boot-starter}. JMH runs every benchmark on one classpath, and these
 * need four, so this launcher starts a fresh JVM per run on the classpath that Maven resolved for
 * each variant ({@code benchmarks/startup/<variant>/target/classpath.txt}) and reads the line the
 * application prints when {@code ApplicationReadyEvent} arrives.
 *
 * <p>
 * One unmeasured run per variant warms the file cache; then the variants take turns, round after
 * round, so a change in the machine's load falls on all of them alike. Each variant points its
 * OTLP exporter at a loopback port nothing listens on, and the application halts as soon as it is
 * ready, so no export is attempted. A run fails unless the variant has exactly one
 * {@code OpenTelemetry} bean whose spans record (or, for {@code none}, no OpenTelemetry at all).
 *
 * <p>
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.tracekit.benchmarks.StartupBenchmark
 * [runs per variant, default 15] [directory of the variants, default benchmarks/startup]}.
 */
public final class StartupBenchmark {

	private static final String MAIN_CLASS = "dev.tracekit.benchmarks.startup.StartupApplication";

	private static final Pattern READY = Pattern
		.compile("startup-benchmark run-ms=([0-9.]+) uptime-ms=([0-9]+) tracing=(\\S+)");

	private static final long RUN_TIMEOUT_SECONDS = 120;

	private final Path variantsDirectory;

	private final int unusedPort;

	private StartupBenchmark(Path variantsDirectory, int unusedPort) {
		this.variantsDirectory = variantsDirectory;
		this.unusedPort = unusedPort;
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		Path directory = Path.of((args.length > 1) ? args[1] : "benchmarks/startup");
		StartupBenchmark benchmark = new StartupBenchmark(directory, unusedLoopbackPort());
		List<Variant> variants = List.of(new Variant("none"),
				new Variant("tracekit", "--tracekit.exporters.otlp.endpoint=http://127.0.0.1:" + benchmark.unusedPort),
				// The same classpath with one exporter instead of four: what the default of four costs.
				new Variant("tracekit-x1", "tracekit", List.of(
						"--tracekit.exporters.otlp.endpoint=http://127.0.0.1:" + benchmark.unusedPort,
						"--tracekit.exporters.otlp.processor.max-concurrent-exports=1")),
				new Variant("spring-boot",
						"--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:" + benchmark.unusedPort
								+ "/v1/traces",
						// Spring Boot samples 10 % by default; the others record every span.
						"--management.tracing.sampling.probability=1.0"),
				new Variant("opentelemetry", "--otel.exporter.otlp.endpoint=http://127.0.0.1:" + benchmark.unusedPort));
		System.out.printf("Startup benchmark: %d runs per variant after one warm-up run, java %s, %d cores%n", runs,
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
		Map<Variant, List<Run>> results = new LinkedHashMap<>();
		for (Variant variant : variants) {
			Run warmUp = benchmark.run(variant);
			System.out.printf("  %-14s tracing: %s%n", variant.name, warmUp.tracing);
			results.put(variant, new ArrayList<>());
		}
		for (int round = 0; round < runs; round++) {
			// Rotate the order so that no variant always runs right after the same one.
			for (int i = 0; i < variants.size(); i++) {
				Variant variant = variants.get((round + i) % variants.size());
				results.get(variant).add(benchmark.run(variant));
			}
			System.out.printf("  round %d of %d done%n", round + 1, runs);
		}
		report(results);
	}

	private Run run(Variant variant) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(classpath(variant));
		command.add(MAIN_CLASS);
		command.add("--spring.application.name=startup-benchmark");
		command.addAll(variant.arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		long started = System.nanoTime();
		Deque<String> lastLines = new ArrayDeque<>();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				Matcher ready = READY.matcher(line);
				if (ready.find()) {
					double wallMillis = (System.nanoTime() - started) / 1e6;
					Run run = new Run(wallMillis, Double.parseDouble(ready.group(1)), Long.parseLong(ready.group(2)),
							ready.group(3));
					finish(process);
					requireTracing(variant, run);
					return run;
				}
				lastLines.addLast(line);
				if (lastLines.size() > 40) {
					lastLines.removeFirst();
				}
			}
		}
		finish(process);
		throw new IllegalStateException("Variant '" + variant.name + "' did not report being ready; its output ended "
				+ "with:\n" + String.join("\n", lastLines));
	}

	private static void finish(Process process) throws InterruptedException {
		if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	private static void requireTracing(Variant variant, Run run) {
		boolean none = variant.name.equals("none");
		boolean valid = none ? run.tracing.equals("none") : run.tracing.endsWith(",recording");
		if (!valid) {
			throw new IllegalStateException(
					"Variant '" + variant.name + "' did not start tracing as expected: tracing=" + run.tracing);
		}
	}

	private String classpath(Variant variant) {
		Path file = this.variantsDirectory.resolve(variant.directory).resolve("target/classpath.txt");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(file + " is missing: build first, with ./mvnw -B -ntp package -DskipTests");
		}
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int unusedLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void report(Map<Variant, List<Run>> results) {
		double[] baseline = null;
		System.out.println();
		System.out.println("| variant | ready, median (ms) | ready, p90 (ms) | ratio to none | run(), median (ms) "
				+ "| ratio to none |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
		for (Map.Entry<Variant, List<Run>> entry : results.entrySet()) {
			double[] wall = entry.getValue().stream().mapToDouble(Run::wallMillis).sorted().toArray();
			double[] run = entry.getValue().stream().mapToDouble(Run::runMillis).sorted().toArray();
			if (baseline == null) {
				baseline = new double[] { median(wall), median(run) };
			}
			System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f× | %.0f | %.2f× |%n", entry.getKey().name,
					median(wall), percentile(wall, 90), median(wall) / baseline[0], median(run),
					median(run) / baseline[1]);
		}
		System.out.println();
		System.out.println("ready: from starting the JVM process to reading the line printed on ApplicationReadyEvent");
		System.out.println("run(): from entering SpringApplication.run to ApplicationReadyEvent, measured in the JVM");
		for (Map.Entry<Variant, List<Run>> entry : results.entrySet()) {
			System.out.printf(Locale.ROOT, "  %-14s ready (ms): %s%n", entry.getKey().name, Arrays.toString(
					entry.getValue().stream().mapToLong((run) -> Math.round(run.wallMillis)).toArray()));
		}
	}

	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	// Nearest rank: the smallest value at or above the given share of the runs.
	private static double percentile(double[] sorted, int percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(rank, 1) - 1];
	}

	/**
	 * One way to start the application.
	 * @param name as reported
	 * @param directory the variant directory whose classpath it runs on
	 * @param arguments its command-line arguments
	 */
	private record Variant(String name, String directory, List<String> arguments) {

		Variant(String name, String... arguments) {
			this(name, name, List.of(arguments));
		}

	}

	/**
	 * One start.
	 * @param wallMillis from starting the process to reading its ready line
	 * @param runMillis from entering {@code SpringApplication.run} to {@code ApplicationReadyEvent}
	 * @param uptimeMillis the JVM's uptime at {@code ApplicationReadyEvent}
	 * @param tracing what the application found: {@code none}, or its OpenTelemetry's class and
	 * whether its spans record
	 */
	private record Run(double wallMillis, double runMillis, long uptimeMillis, String tracing) {
	}

}
