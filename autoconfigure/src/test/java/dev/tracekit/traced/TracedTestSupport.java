package dev.tracekit.traced;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A context with tracekit's pipeline and the annotation support, whose spans land in an
 * {@link InMemorySpanExporter} bean (joined to the pipeline like any user exporter) and nowhere
 * else.
 */
final class TracedTestSupport {

	private TracedTestSupport() {
	}

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class, TracedAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.test.type=none", "tracekit.register-global=false",
					"tracekit.resource.service-name=traced-tests")
			.withBean("spans", InMemorySpanExporter.class, InMemorySpanExporter::create);
	}

	/** The runner with proxies of the given kind for beans that implement an interface. */
	static ApplicationContextRunner runner(ProxyKind proxyKind) {
		return runner().withPropertyValues("spring.aop.proxy-target-class=" + (proxyKind == ProxyKind.CGLIB));
	}

	/** Flushes the pipeline and returns every span exported so far. */
	static List<SpanData> spans(ApplicationContext context) {
		// Not SdkTracerProvider.forceFlush() alone: back to back, it may return a stale result.
		SdkTracerProvider tracerProvider = context.getBean(SdkTracerProvider.class);
		assertThat(dev.tracekit.export.ReliableFlush.request(tracerProvider::forceFlush).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	/** Waits until the given number of spans has been exported, for spans that end on another thread. */
	static List<SpanData> awaitSpans(ApplicationContext context, int count) {
		return await().atMost(10, TimeUnit.SECONDS).until(() -> spans(context), (spans) -> spans.size() >= count);
	}

	static SpanData span(List<SpanData> spans, String name) {
		return spans.stream()
			.filter((span) -> span.getName().equals(name))
			.reduce((first, second) -> {
				throw new AssertionError("more than one span named " + name + ": " + spans);
			})
			.orElseThrow(() -> new AssertionError("no span named " + name + " in " + spans));
	}

	/** Asserts the bean is proxied the expected way, so a test shows which proxy it ran on. */
	static <T> T proxied(T bean, ProxyKind proxyKind) {
		assertThat(AopUtils.isAopProxy(bean)).as("proxied").isTrue();
		assertThat((proxyKind == ProxyKind.JDK) ? AopUtils.isJdkDynamicProxy(bean) : AopUtils.isCglibProxy(bean))
			.as(proxyKind + " proxy")
			.isTrue();
		return bean;
	}

	enum ProxyKind {

		JDK, CGLIB

	}

}
