package dev.tracekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * Delivered spans per second of one pipeline, in the same run, for four pipelines: the SDK's
 * autoconfigured one ({@code AutoConfiguredOpenTelemetrySdk}, {@code otel.*} settings), Spring
 * Boot's own ({@code OpenTelemetryTracingAutoConfiguration} with its OTLP exporter), and tracekit's
 * at its defaults and with a given number of exports at once (and for gRPC at its defaults with the
 * {@code grpc-java} sender). Each sends to {@link OtlpTestReceiver} on loopback in
 * this JVM (its HTTP server with {@code TCP_NODELAY}, its gRPC server Netty's, which sets it), over
 * gRPC and HTTP/protobuf, in three scenarios:
 * <ul>
 * <li>{@code flush}: a queue big enough for every span is filled (by one thread, in milliseconds)
 * and flushed; delivered spans per second from the first span ended to the last received, and
 * process CPU time per delivered span (the receiver's decoding included,
 * the same per span for all);</li>
 * <li>{@code steady}: one thread ends spans at a fixed rate for a few seconds, at every pipeline's
 * default queue size; what arrived and what was lost (ended minus received after a final flush);</li>
 * <li>{@code remote}: {@code flush} with the receiver answering each request after 20 ms.</li>
 * </ul>
 * The SDK and Spring Boot pipelines resolve their sender as they do in an application that has only
 * {@code opentelemetry-exporter-otlp} (OkHttp): the system properties that choose the SDK's sender
 * provider are set to OkHttp's, since this class path holds the JDK sender too. tracekit chooses its
 * senders per exporter and ignores those properties.
 *
 * <p>
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.tracekit.benchmarks.DeliveryBenchmark
 * [spans per flush, default 100000] [exports at once of the second tracekit pipeline, default 1]
 * [scenarios, default flush,steady,remote] [flush rounds, default 3]}.
 */
public final class DeliveryBenchmark {

	private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

	private static final List<String> PROTOCOLS = List.of("grpc", "http/protobuf");

	private static final int[] STEADY_RATES = { 10_000, 50_000, 100_000, 200_000 };

	private static final Duration STEADY_TIME = Duration.ofSeconds(3);

	private final int spans;

	private final int concurrentExports;

	private final int rounds;

	private final OtlpTestReceiver receiver;

	private DeliveryBenchmark(int spans, int concurrentExports, int rounds, OtlpTestReceiver receiver) {
		this.spans = spans;
		this.concurrentExports = concurrentExports;
		this.rounds = rounds;
		this.receiver = receiver;
	}

	public static void main(String[] args) throws Exception {
		int spans = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int concurrent = (args.length > 1) ? Integer.parseInt(args[1]) : 1;
		List<String> scenarios = List.of(((args.length > 2) ? args[2] : "flush,steady,remote").split(","));
		int rounds = (args.length > 3) ? Integer.parseInt(args[3]) : 3;
		System.setProperty("sun.net.httpserver.nodelay", "true");
		System.setProperty("io.opentelemetry.sdk.common.export.HttpSenderProvider",
				"io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider");
		System.setProperty("io.opentelemetry.sdk.common.export.GrpcSenderProvider",
				"io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSenderProvider");
		java.util.logging.Logger.getLogger("io.opentelemetry").setLevel(java.util.logging.Level.SEVERE);
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			DeliveryBenchmark benchmark = new DeliveryBenchmark(spans, concurrent, rounds, receiver);
			System.out.printf("delivery benchmark: %d spans per flush, %d rounds, tracekit at its defaults and with %d"
					+ " exports at once; nproc %d%n", spans, rounds, concurrent, Runtime.getRuntime().availableProcessors());
			for (String protocol : PROTOCOLS) {
				if (scenarios.contains("flush")) {
					benchmark.flush(protocol, Duration.ZERO, spans);
				}
				if (scenarios.contains("remote")) {
					benchmark.flush(protocol, Duration.ofMillis(20), spans / 5);
				}
				if (scenarios.contains("steady")) {
					benchmark.steady(protocol);
				}
			}
		}
	}

	// tracekit at its defaults (okhttp for grpc, jdk for http/protobuf, four exports at once), with
	// the given number of exports at once (one: what the SDK's batch processor does), and for grpc
	// with the grpc-java sender too.
	private List<String> pipelines(String protocol) {
		List<String> pipelines = new ArrayList<>(List.of("sdk", "spring-boot", "tracekit", "tracekit-x" + this.concurrentExports));
		if (protocol.equals("grpc")) {
			pipelines.add("tracekit-grpc-java");
		}
		return pipelines;
	}

	// Each round measures every pipeline once, in turn, so that a noisy moment of the shared machine
	// falls on one round of each rather than on all rounds of one; the median round is reported.
	private void flush(String protocol, Duration delay, int count) {
		this.receiver.setDelay(delay);
		String scenario = delay.isZero() ? "flush" : "remote";
		Map<String, List<Double>> rates = new LinkedHashMap<>();
		Map<String, List<Double>> cpuPerSpan = new LinkedHashMap<>();
		for (int round = 1; round <= this.rounds; round++) {
			for (String pipeline : pipelines(protocol)) {
				warmUp(pipeline, protocol);
				try (Running running = start(pipeline, protocol, count, true)) {
					this.receiver.clear();
					// A batch processor exports a full batch at once, so exports begin while the queue
					// fills; filling takes milliseconds, and the time runs from its start.
					long cpuBefore = cpuNanos();
					long start = System.nanoTime();
					for (int i = 0; i < count; i++) {
						endSpan(running.tracer);
					}
					running.provider.forceFlush().join(10, TimeUnit.MINUTES);
					long received = awaitReceived(count);
					double seconds = (System.nanoTime() - start) / 1e9;
					long cpu = cpuNanos() - cpuBefore;
					double rate = received / seconds;
					rates.computeIfAbsent(pipeline, (key) -> new ArrayList<>()).add(rate);
					cpuPerSpan.computeIfAbsent(pipeline, (key) -> new ArrayList<>()).add((double) cpu / Math.max(1, received));
					System.out.printf(Locale.ROOT, "%s %s round %d %-18s %,9d of %,d spans in %6.2f s: %,9.0f spans/s, %,6.0f ns CPU per span%n",
							scenario, protocol, round, pipeline, received, count, seconds, rate, (double) cpu / Math.max(1, received));
				}
				this.receiver.clear();
			}
		}
		double sdk = median(rates.get("sdk"));
		double sdkCpu = median(cpuPerSpan.get("sdk"));
		rates.forEach((pipeline, measured) -> System.out.printf(Locale.ROOT,
				"%s %s %-18s median %,9.0f spans/s = %5.1fx the SDK pipeline (rounds %s); CPU per span %.2fx the SDK's%n",
				scenario, protocol, pipeline, median(measured), median(measured) / sdk, ratios(measured, sdk),
				median(cpuPerSpan.get(pipeline)) / sdkCpu));
		this.receiver.setDelay(Duration.ZERO);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String ratios(List<Double> values, double base) {
		return values.stream().map((value) -> String.format(Locale.ROOT, "%.1fx", value / base)).toList().toString();
	}

	private void steady(String protocol) {
		for (int rate : STEADY_RATES) {
			for (String pipeline : pipelines(protocol)) {
				try (Running running = start(pipeline, protocol, 0, false)) {
					this.receiver.clear();
					long total = rate * STEADY_TIME.toSeconds();
					long start = System.nanoTime();
					long intervalNanos = 1_000_000;
					long perInterval = Math.max(1, rate / 1000);
					long ended = 0;
					for (long tick = 0; ended < total; tick++) {
						long due = start + tick * intervalNanos;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
						for (long i = 0; i < perInterval && ended < total; i++, ended++) {
							endSpan(running.tracer);
						}
					}
					double producing = (System.nanoTime() - start) / 1e9;
					running.provider.forceFlush().join(1, TimeUnit.MINUTES);
					long received = this.receiver.spanCount();
					System.out.printf(Locale.ROOT,
							"steady %s %-14s target %,7d/s: ended %,8d at %,7.0f/s, received %,8d, lost %,8d (%.1f %%)%n",
							protocol, pipeline, rate, ended, ended / producing, received, ended - received,
							100.0 * (ended - received) / ended);
				}
				this.receiver.clear();
			}
		}
	}

	// A short flush first, so that every pipeline's classes and connections are warm when timed.
	private void warmUp(String pipeline, String protocol) {
		try (Running running = start(pipeline, protocol, 20_000, true)) {
			for (int i = 0; i < 20_000; i++) {
				endSpan(running.tracer);
			}
			running.provider.forceFlush().join(1, TimeUnit.MINUTES);
		}
		this.receiver.clear();
	}

	private long awaitReceived(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.receiver.spanCount() < count && System.nanoTime() < deadline) {
			LockSupport.parkNanos(100_000);
		}
		return this.receiver.spanCount();
	}

	private static void endSpan(Tracer tracer) {
		tracer.spanBuilder("Orders.place").setAttribute(ORDER_ID, "order-4711").startSpan().end();
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Starts one pipeline.
	 * @param queue the queue size for a flush (holding every span, nothing exported until flushed),
	 * or 0 for each pipeline's defaults
	 */
	private Running start(String pipeline, String protocol, int queue, boolean holdUntilFlushed) {
		String endpoint = protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
		String delay = holdUntilFlushed ? "3600000" : null;
		return switch (pipeline) {
			case "sdk" -> sdk(protocol, endpoint, queue, delay);
			case "spring-boot" -> springBoot(protocol, endpoint, queue, delay);
			default -> tracekit(protocol, endpoint, queue, delay, pipeline.contains("-x") ? this.concurrentExports : null,
					pipeline.contains("grpc-java") ? "grpc-java" : null);
		};
	}

	private static Running sdk(String protocol, String endpoint, int queue, String delayMillis) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("otel.service.name", "delivery-benchmark");
		properties.put("otel.traces.exporter", "otlp");
		properties.put("otel.metrics.exporter", "none");
		properties.put("otel.logs.exporter", "none");
		properties.put("otel.traces.sampler", "always_on");
		properties.put("otel.exporter.otlp.protocol", protocol);
		properties.put("otel.exporter.otlp.traces.endpoint", endpoint);
		if (queue > 0) {
			properties.put("otel.bsp.max.queue.size", String.valueOf(queue));
		}
		if (delayMillis != null) {
			properties.put("otel.bsp.schedule.delay", delayMillis);
		}
		AutoConfiguredOpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
			.addPropertiesSupplier(() -> properties)
			.disableShutdownHook()
			.build();
		SdkTracerProvider provider = sdk.getOpenTelemetrySdk().getSdkTracerProvider();
		return new Running(provider, provider.get("delivery"), () -> sdk.getOpenTelemetrySdk().close());
	}

	private static Running springBoot(String protocol, String endpoint, int queue, String delayMillis) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "delivery-benchmark");
		properties.put("management.tracing.sampling.probability", "1.0");
		properties.put("management.opentelemetry.tracing.export.otlp.endpoint", endpoint);
		properties.put("management.opentelemetry.tracing.export.otlp.transport", protocol.equals("grpc") ? "grpc" : "http");
		if (queue > 0) {
			properties.put("management.opentelemetry.tracing.export.max-queue-size", String.valueOf(queue));
		}
		if (delayMillis != null) {
			properties.put("management.opentelemetry.tracing.export.schedule-delay", delayMillis + "ms");
		}
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		context.register(SpringBootPipeline.class);
		context.refresh();
		SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
		return new Running(provider, provider.get("delivery"), context::close);
	}

	private static Running tracekit(String protocol, String endpoint, int queue, String delayMillis,
			Integer exports, String sender) {
		Map<String, Object> settings = new LinkedHashMap<>();
		if (sender != null) {
			settings.put("tracekit.exporters.receiver.sender", sender);
		}
		settings.put("tracekit.sampler.type", "always_on");
		settings.put("tracekit.exporters.receiver.protocol", protocol);
		settings.put("tracekit.exporters.receiver.endpoint", endpoint);
		if (exports != null) {
			settings.put("tracekit.exporters.receiver.processor.max-concurrent-exports", String.valueOf(exports));
		}
		if (queue > 0) {
			settings.put("tracekit.exporters.receiver.processor.max-queue-size", String.valueOf(queue));
		}
		if (delayMillis != null) {
			settings.put("tracekit.exporters.receiver.processor.schedule-delay", delayMillis + "ms");
		}
		ConfigurableApplicationContext context = BenchmarkPipeline.start(settings, null);
		SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
		return new Running(provider, provider.get("delivery"), context::close);
	}

	private record Running(SdkTracerProvider provider, Tracer tracer, Runnable closer) implements AutoCloseable {

		@Override
		public void close() {
			this.closer.run();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
			OtlpTracingAutoConfiguration.class })
	static class SpringBootPipeline {

	}

}
