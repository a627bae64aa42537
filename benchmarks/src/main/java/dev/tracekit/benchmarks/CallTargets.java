package dev.tracekit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import dev.tracekit.micrometer.TracekitMicrometerTracingAutoConfiguration;
import dev.tracekit.traced.TracedAutoConfiguration;
import io.micrometer.observation.annotation.ObservationKeyValue;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.tracing.annotation.NewSpan;
import io.micrometer.tracing.annotation.SpanTag;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.annotations.InstrumentationAnnotationsAutoConfiguration;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The same method, {@code place(orderId)} with the order id recorded as a span attribute, traced
 * every way the per-call benchmark compares, all ending in one tracekit pipeline (one sampler, one
 * batch processor, one exporter):
 * <ul>
 * <li>the main context: what the tracekit starter with {@code spring-boot-starter-aspectj} gives,
 * holding the plain, {@code @Traced}, {@code @NewSpan} and {@code @Observed} services;</li>
 * <li>a context with only the annotation auto-configuration of OpenTelemetry's Spring Boot starter
 * over the main context's {@code OpenTelemetry}, for {@code @WithSpan}: tracekit honours
 * {@code @WithSpan} itself, so in the main context the method would get two spans, and the whole
 * starter would build a second SDK;</li>
 * <li>a context with only tracekit's {@code @Traced} support over the same {@code OpenTelemetry}:
 * {@code @Traced} without Micrometer Tracing, which makes its span current through plain
 * {@code Span.makeCurrent()};</li>
 * <li>a context with tracekit's {@code @Traced} and Micrometer support but none of Spring Boot's
 * Micrometer Tracing auto-configurations: Micrometer's OpenTelemetry bridge is on the classpath,
 * yet no Micrometer {@code Tracer} bean exists;</li>
 * <li>a context with {@code tracekit.enabled=false}, which has no pipeline at all;</li>
 * <li>a bare SDK tracer provider with the same sampler, a batch processor and the same kind of
 * exporter, but none of tracekit's monitoring: what tracekit's pipeline adds per span.</li>
 * </ul>
 */
public final class CallTargets implements AutoCloseable {

	/** The instrumentation scope of the hand-written spans. */
	static final String SCOPE = "dev.tracekit.benchmarks";

	final Tracer tracer;

	final Tracer bareSdkTracer;

	final PlainOrders plain;

	final PlainOrders proxiedOnly;

	final PlainOrders handWrittenInProxy;

	final TracedOrders traced;

	final TracedOrders tracedWithoutMicrometer;

	final TracedOrders tracedBridgeWithoutTracer;

	final TracedOrders tracedDisabled;

	final WithSpanOrders withSpan;

	final NewSpanOrders newSpan;

	final ObservedOrders observed;

	private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final SdkTracerProvider bareSdk;

	private CallTargets(String sampler, Supplier<SpanExporter> exporters) {
		ConfigurableApplicationContext main = BenchmarkPipeline.start(Map.of("tracekit.sampler.type", sampler),
				exporters.get(), PlainOrders.class, TracedOrders.class, NewSpanOrders.class, ObservedOrders.class);
		this.contexts.add(main);
		OpenTelemetry openTelemetry = main.getBean(OpenTelemetry.class);
		this.tracer = openTelemetry.getTracer(SCOPE);
		this.plain = main.getBean(PlainOrders.class);
		this.traced = main.getBean(TracedOrders.class);
		this.newSpan = main.getBean(NewSpanOrders.class);
		this.observed = main.getBean(ObservedOrders.class);
		this.proxiedOnly = proxied((MethodInterceptor) MethodInvocation::proceed);
		this.handWrittenInProxy = proxied(handWrittenInterceptor(this.tracer));
		this.withSpan = startBeside(openTelemetry, OpenTelemetryStarterAnnotations.class, WithSpanOrders.class)
			.getBean(WithSpanOrders.class);
		this.tracedWithoutMicrometer = startBeside(openTelemetry, TracedOnly.class, TracedOrders.class)
			.getBean(TracedOrders.class);
		this.tracedBridgeWithoutTracer = startBeside(openTelemetry, TracedWithBridgeOnly.class, TracedOrders.class)
			.getBean(TracedOrders.class);
		ConfigurableApplicationContext disabled = BenchmarkPipeline.start(Map.of("tracekit.enabled", "false"), null,
				TracedOrders.class);
		this.contexts.add(disabled);
		this.tracedDisabled = disabled.getBean(TracedOrders.class);
		// No self-monitoring metrics, as tracekit's provider; the processor's defaults otherwise.
		this.bareSdk = SdkTracerProvider.builder()
			.setSampler(main.getBean(Sampler.class))
			.setMeterProvider(MeterProvider::noop)
			.addSpanProcessor(BatchSpanProcessor.builder(exporters.get()).setMeterProvider(MeterProvider::noop).build())
			.build();
		this.bareSdkTracer = this.bareSdk.get(SCOPE);
		requireProxies();
	}

	/**
	 * Starts every context.
	 * @param sampler a {@code tracekit.sampler.type}, such as {@code always_on}
	 * @param exporters makes the exporter of the tracekit pipeline and that of the bare SDK
	 * @return the targets; close them to stop every context
	 */
	public static CallTargets start(String sampler, Supplier<SpanExporter> exporters) {
		return new CallTargets(sampler, exporters);
	}

	/** Whether {@code tracekit.enabled=false} still puts a proxy around a {@code @Traced} bean. */
	public boolean disabledTracingProxies() {
		return AopUtils.isAopProxy(this.tracedDisabled);
	}

	/** The tracer provider of the bare SDK pipeline. */
	public SdkTracerProvider bareSdk() {
		return this.bareSdk;
	}

	/** The main context. */
	public ConfigurableApplicationContext main() {
		return this.contexts.get(0);
	}

	// Each case must be traced by exactly the mechanism it names, or the table compares the wrong things.
	private void requireProxies() {
		require(!AopUtils.isAopProxy(this.plain), "the plain service is proxied");
		require(AopUtils.isAopProxy(this.handWrittenInProxy), "the hand-written span is not in a proxy");
		require(AopUtils.isAopProxy(this.traced), "the @Traced service is not proxied");
		require(AopUtils.isAopProxy(this.tracedWithoutMicrometer), "the @Traced service (no Micrometer) is not proxied");
		require(AopUtils.isAopProxy(this.tracedBridgeWithoutTracer), "the @Traced service (no Tracer) is not proxied");
		require(AopUtils.isAopProxy(this.withSpan), "the @WithSpan service is not proxied");
		require(AopUtils.isAopProxy(this.newSpan), "the @NewSpan service is not proxied");
		require(AopUtils.isAopProxy(this.observed), "the @Observed service is not proxied");
	}

	private static void require(boolean condition, String failure) {
		if (!condition) {
			throw new IllegalStateException("Benchmark set-up: " + failure);
		}
	}

	// The plain method through a class-based proxy with one interceptor: one that only proceeds is
	// what Spring AOP costs before any tracing; one that wraps the call in the hand-written span is
	// the least any proxy-based annotation can cost.
	private static PlainOrders proxied(MethodInterceptor interceptor) {
		ProxyFactory proxyFactory = new ProxyFactory(new PlainOrders());
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice(interceptor);
		return (PlainOrders) proxyFactory.getProxy();
	}

	private static MethodInterceptor handWrittenInterceptor(Tracer tracer) {
		return (invocation) -> {
			Span span = tracer.spanBuilder("Orders.place").startSpan();
			try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
				span.setAttribute(ORDER_ID, (String) invocation.getArguments()[0]);
				return invocation.proceed();
			}
			finally {
				span.end();
			}
		};
	}

	private ConfigurableApplicationContext startBeside(OpenTelemetry openTelemetry, Class<?> configuration,
			Class<?> bean) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		// The main context owns the SDK: this one must not close it.
		context.registerBean(OpenTelemetry.class, () -> openTelemetry, (definition) -> definition.setDestroyMethodName(""));
		context.register(configuration);
		context.registerBean(bean);
		context.refresh();
		this.contexts.add(context);
		return context;
	}

	@Override
	public void close() {
		this.bareSdk.close();
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, InstrumentationAnnotationsAutoConfiguration.class })
	static class OpenTelemetryStarterAnnotations {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TracedAutoConfiguration.class)
	static class TracedOnly {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TracekitMicrometerTracingAutoConfiguration.class, TracedAutoConfiguration.class })
	static class TracedWithBridgeOnly {

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

	public static class WithSpanOrders {

		@WithSpan
		public int place(@io.opentelemetry.instrumentation.annotations.SpanAttribute("order.id") String orderId) {
			return orderId.length();
		}

	}

	public static class NewSpanOrders {

		@NewSpan
		public int place(@SpanTag("order.id") String orderId) {
			return orderId.length();
		}

	}

	public static class ObservedOrders {

		@Observed
		public int place(@ObservationKeyValue("order.id") String orderId) {
			return orderId.length();
		}

	}

}
