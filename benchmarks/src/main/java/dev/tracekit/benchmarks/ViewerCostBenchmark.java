package dev.tracekit.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tracekit.viewer.RecentTraces;
import dev.tracekit.viewer.TraceViewerProperties;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SpanProcessor;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the trace viewer adds to the thread that ends a span: a sampled span with one attribute,
 * through tracekit's pipeline (one batch processor to a discarding exporter), with the viewer off
 * (no processor of its own: the default) and on (the span processor its auto-configuration
 * registers, with its default bounds).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ViewerCostBenchmark {

	private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

	@Benchmark
	public void endSpan(Pipeline pipeline) {
		Span span = pipeline.tracer.spanBuilder("Orders.place").startSpan();
		span.setAttribute(ORDER_ID, "order-4711");
		span.end();
	}

	@State(Scope.Benchmark)
	public static class Pipeline {

		@Param({ "off", "on" })
		public String viewer;

		ConfigurableApplicationContext context;

		Tracer tracer;

		@Setup(Level.Trial)
		public void start() {
			Class<?>[] beans = this.viewer.equals("on") ? new Class<?>[] { ViewerProcessor.class } : new Class<?>[0];
			this.context = BenchmarkPipeline.start(Map.of("tracekit.sampler.type", "always_on"),
					new DiscardingSpanExporter(), beans);
			this.tracer = this.context.getBean(OpenTelemetry.class).getTracer("benchmark");
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/** The viewer's span processor, as its auto-configuration adds it to tracekit's tracer provider. */
	@Configuration(proxyBeanMethods = false)
	static class ViewerProcessor {

		private final RecentTraces recentTraces = new RecentTraces(new TraceViewerProperties());

		// As in the auto-configuration: the tracer provider flushes and shuts it down, not Spring.
		@Bean(destroyMethod = "")
		SpanProcessor recentTracesProcessor() {
			return this.recentTraces.processor();
		}

	}

}
