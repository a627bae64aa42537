package dev.tracekit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.spool.SpoolStatistics;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * How many spans a single producer thread pushes through tracekit's batch processor, at its
 * default settings (queue 2048, batches of 512, 5 s delay), to a real OTLP receiver on loopback,
 * over gRPC and over HTTP/protobuf. The primary score is the producer's rate; the secondary
 * scores {@code received} and {@code dropped} split those spans, per second, into what reached
 * the receiver and what the batch processor dropped because its queue was full.
 *
 * <p>
 * The receiver runs in the benchmark's JVM, so on a small machine it competes for the same cores
 * as the producer and the export thread. The batch processor has one export in flight at a time,
 * so what is received per second is a batch size divided by the time one export takes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The receiver's HTTP server is the JDK's, which leaves Nagle's algorithm on unless told: each
// response would then wait ~40 ms for a delayed ACK on loopback, a cost of the test receiver that
// a collector does not have (gRPC's Netty server and Go's servers set TCP_NODELAY).
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Threads(1)
public class ExportThroughputBenchmark {

	private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

	// Delivery is unused here; naming it makes JMH count and report it.
	@Benchmark
	public void endSpan(Pipeline pipeline, Delivery delivery) {
		pipeline.tracer.spanBuilder("Orders.place").setAttribute(ORDER_ID, "order-4711").startSpan().end();
	}

	@State(Scope.Benchmark)
	public static class Pipeline {

		@Param({ "grpc", "http/protobuf" })
		public String protocol;

		/** Whether the exporter has a spool ({@code tracekit.exporters.receiver.spool.*}). */
		@Param({ "off", "on" })
		public String spool;

		Path spoolDirectory;

		OtlpTestReceiver receiver;

		ConfigurableApplicationContext context;

		Tracer tracer;

		SdkTracerProvider tracerProvider;

		ExportStatistics statistics;

		// The receiver keeps every request it decodes; counting and forgetting them after each
		// iteration keeps the heap small over a run of millions of spans.
		long received;

		@Setup(Level.Trial)
		public void start() {
			this.receiver = OtlpTestReceiver.start();
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("tracekit.sampler.type", "always_on");
			settings.put("tracekit.exporters.receiver.protocol", this.protocol);
			settings.put("tracekit.exporters.receiver.endpoint",
					this.protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint());
			if (this.spool.equals("on")) {
				try {
					this.spoolDirectory = Files.createTempDirectory("tracekit-benchmark-spool");
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				settings.put("tracekit.exporters.receiver.spool.enabled", "true");
				settings.put("tracekit.exporters.receiver.spool.directory", this.spoolDirectory.toString());
			}
			this.context = BenchmarkPipeline.start(settings, null);
			this.tracer = this.context.getBean(OpenTelemetry.class).getTracer(CallTargets.SCOPE);
			this.tracerProvider = this.context.getBean(SdkTracerProvider.class);
			this.statistics = this.context.getBean(ExportPipelines.class).get("receiver").orElseThrow().statistics();
		}

		/** Exports what is queued and returns the spans received so far. */
		long drain() {
			this.tracerProvider.forceFlush().join(30, TimeUnit.SECONDS);
			this.received += this.receiver.spanCount();
			this.receiver.clear();
			return this.received;
		}

		@TearDown(Level.Trial)
		public void stop() {
			long received = drain();
			long accepted = this.statistics.accepted();
			long dropped = this.statistics.droppedQueueFull();
			System.out.printf("%nexport summary (%s, spool %s): %d spans ended, %d received (%.1f %%), %d dropped with"
					+ " the queue full, %d failed; ended - received - dropped = %d%n", this.protocol, this.spool, accepted,
					received, 100.0 * received / accepted, dropped, this.statistics.failed(),
					accepted - received - dropped);
			SpoolStatistics spool = this.statistics.spool();
			if (spool != null) {
				System.out.printf("spool: %d spooled, %d replayed, %d pending, %d expired, %d refused%n", spool.spooled(),
						spool.replayed(), spool.pendingSpans(), spool.expired(), spool.refused());
			}
			this.context.close();
			this.receiver.close();
			if (this.spoolDirectory != null) {
				// What the spool still holds (up to its 256 MB budget) is of no further use.
				try (Stream<Path> files = Files.walk(this.spoolDirectory)) {
					files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

	}

	/** Per iteration: spans received and spans dropped, reported by JMH as rates beside the score. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Delivery {

		public long received;

		public long dropped;

		private long receivedBefore;

		private long droppedBefore;

		@Setup(Level.Iteration)
		public void before(Pipeline pipeline) {
			this.receivedBefore = pipeline.drain();
			this.droppedBefore = pipeline.statistics.droppedQueueFull();
			this.received = 0;
			this.dropped = 0;
		}

		// The producer has stopped: once the queue is flushed, every span of the iteration was
		// either received or dropped.
		@TearDown(Level.Iteration)
		public void after(Pipeline pipeline) {
			this.received = pipeline.drain() - this.receivedBefore;
			this.dropped = pipeline.statistics.droppedQueueFull() - this.droppedBefore;
		}

	}

}
