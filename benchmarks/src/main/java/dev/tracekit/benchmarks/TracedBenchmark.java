package dev.tracekit.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
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

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Per-call cost of a {@code @Traced} method with one {@code @SpanAttribute} argument, against the
 * same work in a hand-written span (start, make current, set the attribute, end) and against a
 * plain call, on one pipeline, with every span sampled and with none. {@code springProxyOnly}
 * calls the plain method through a CGLIB proxy whose only interceptor proceeds: the share of the
 * cost that is Spring AOP's rather than tracekit's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class TracedBenchmark {

	private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

	@Benchmark
	public int plainCall(Pipeline pipeline) {
		return pipeline.plain.place(pipeline.orderId);
	}

	@Benchmark
	public int springProxyOnly(Pipeline pipeline) {
		return pipeline.proxiedOnly.place(pipeline.orderId);
	}

	@Benchmark
	public int handWrittenSpan(Pipeline pipeline) {
		Span span = pipeline.tracer.spanBuilder("Orders.place").startSpan();
		try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
			span.setAttribute(ORDER_ID, pipeline.orderId);
			return pipeline.plain.place(pipeline.orderId);
		}
		finally {
			span.end();
		}
	}

	@Benchmark
	public int tracedMethod(Pipeline pipeline) {
		return pipeline.traced.place(pipeline.orderId);
	}

	@State(Scope.Benchmark)
	public static class Pipeline {

		@Param({ "always_on", "always_off" })
		public String sampler;

		String orderId = "order-4711";

		ConfigurableApplicationContext context;

		Tracer tracer;

		PlainOrders plain;

		TracedOrders traced;

		PlainOrders proxiedOnly;

		@Setup(Level.Trial)
		public void start() {
			this.context = BenchmarkPipeline.start(this.sampler, PlainOrders.class, TracedOrders.class);
			this.tracer = this.context.getBean(OpenTelemetry.class).getTracer("dev.tracekit.benchmarks");
			this.plain = this.context.getBean(PlainOrders.class);
			this.traced = this.context.getBean(TracedOrders.class);
			ProxyFactory proxyFactory = new ProxyFactory(new PlainOrders());
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.addAdvice((MethodInterceptor) MethodInvocation::proceed);
			this.proxiedOnly = (PlainOrders) proxyFactory.getProxy();
			if (AopUtils.isAopProxy(this.plain) || !AopUtils.isAopProxy(this.traced)) {
				throw new IllegalStateException("expected only the @Traced service to be proxied");
			}
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	public static class PlainOrders {

		public int place(String orderId) {
			return orderId.length();
		}

	}

	public static class TracedOrders {

		@Traced
		public int place(@SpanAttribute("order.id") String orderId) {
			return orderId.length();
		}

	}

}
