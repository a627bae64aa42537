package dev.tracekit.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.tracekit.benchmarks.CallTargets.PlainOrders;
import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
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

/**
 * Per-call cost of a traced method with one argument recorded as a span attribute, every span
 * sampled ({@code always_on}) and none ({@code always_off}): a plain call (the floor), a
 * hand-written span (the limit any annotation can approach), tracekit's {@code @Traced},
 * OpenTelemetry's {@code @WithSpan}, Micrometer's {@code @NewSpan} and {@code @Observed}, and
 * {@code @Traced} with {@code tracekit.enabled=false}. {@link CallTargets} says how each is wired;
 * all of them end in the same pipeline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class PerCallBenchmark {

	private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

	@Benchmark
	public int plainCall(Targets targets) {
		return targets.calls.plain.place(targets.orderId);
	}

	@Benchmark
	public int springProxyOnly(Targets targets) {
		return targets.calls.proxiedOnly.place(targets.orderId);
	}

	@Benchmark
	public int handWrittenSpan(Targets targets) {
		return handWritten(targets.calls.tracer, targets.calls.plain, targets.orderId);
	}

	@Benchmark
	public int handWrittenSpanInProxy(Targets targets) {
		return targets.calls.handWrittenInProxy.place(targets.orderId);
	}

	@Benchmark
	public int handWrittenSpanBareSdk(Targets targets) {
		return handWritten(targets.calls.bareSdkTracer, targets.calls.plain, targets.orderId);
	}

	@Benchmark
	public int tracekitTraced(Targets targets) {
		return targets.calls.traced.place(targets.orderId);
	}

	@Benchmark
	public int tracekitTracedWithoutMicrometer(Targets targets) {
		return targets.calls.tracedWithoutMicrometer.place(targets.orderId);
	}

	@Benchmark
	public int tracekitTracedBridgeWithoutTracer(Targets targets) {
		return targets.calls.tracedBridgeWithoutTracer.place(targets.orderId);
	}

	@Benchmark
	public int tracekitDisabled(Targets targets) {
		return targets.calls.tracedDisabled.place(targets.orderId);
	}

	@Benchmark
	public int otelWithSpan(Targets targets) {
		return targets.calls.withSpan.place(targets.orderId);
	}

	@Benchmark
	public int micrometerNewSpan(Targets targets) {
		return targets.calls.newSpan.place(targets.orderId);
	}

	@Benchmark
	public int micrometerObserved(Targets targets) {
		return targets.calls.observed.place(targets.orderId);
	}

	static int handWritten(Tracer tracer, PlainOrders orders, String orderId) {
		Span span = tracer.spanBuilder("Orders.place").startSpan();
		try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
			span.setAttribute(ORDER_ID, orderId);
			return orders.place(orderId);
		}
		finally {
			span.end();
		}
	}

	@State(Scope.Benchmark)
	public static class Targets {

		@Param({ "always_on", "always_off" })
		public String sampler;

		String orderId = "order-4711";

		CallTargets calls;

		@Setup(Level.Trial)
		public void start() {
			this.calls = CallTargets.start(this.sampler, DiscardingSpanExporter::new);
			if (this.calls.disabledTracingProxies()) {
				// tracekitDisabled must measure a plain call; a proxy there would be a regression.
				throw new IllegalStateException("with tracekit.enabled=false the @Traced bean is an AOP proxy");
			}
		}

		@TearDown(Level.Trial)
		public void stop() {
			// Sampled spans ended in a tight loop outrun any exporter: say how many the batch
			// processor took and how many it dropped with its queue full, as it would in production.
			for (ExportPipeline pipeline : this.calls.main().getBean(ExportPipelines.class).all()) {
				ExportStatistics statistics = pipeline.statistics();
				if (statistics.accepted() > 0) {
					System.out.printf("%npipeline '%s': %d spans ended, %d dropped with the queue full (%.1f %%)%n",
							pipeline.name(), statistics.accepted(), statistics.droppedQueueFull(),
							100.0 * statistics.droppedQueueFull() / statistics.accepted());
				}
			}
			this.calls.close();
		}

	}

}
