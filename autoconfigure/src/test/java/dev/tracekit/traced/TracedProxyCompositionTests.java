package dev.tracekit.traced;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import dev.tracekit.traced.TracedTestSupport.ProxyKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.aopalliance.aop.Advice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.interceptor.AsyncExecutionInterceptor;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static dev.tracekit.traced.TracedSpanTests.currentSpanId;
import static dev.tracekit.traced.TracedTestSupport.awaitSpans;
import static dev.tracekit.traced.TracedTestSupport.proxied;
import static dev.tracekit.traced.TracedTestSupport.runner;
import static dev.tracekit.traced.TracedTestSupport.span;
import static dev.tracekit.traced.TracedTestSupport.spans;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beans that other Spring features proxy too ({@code @Async}, {@code @Cacheable}): the tracing
 * interceptor joins their one proxy, runs inside {@code @Async}'s (on the thread that does the
 * work) and outside the cache's (so a cache hit is traced as well).
 */
class TracedProxyCompositionTests {

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void oneProxyCarriesAsyncTracingAndCachingInThatOrder(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Reports reports = proxied(context.getBean(Reports.class), proxyKind);
			assertThat(AopUtils.isAopProxy(AopProxyUtils.getSingletonTarget(reports))).as("nested proxy").isFalse();
			List<Class<?>> chain = java.util.Arrays.stream(((Advised) reports).getAdvisors())
				.map(Advisor::getAdvice)
				.map(Advice::getClass)
				.map(TracedProxyCompositionTests::kind)
				.toList();
			assertThat(chain).containsExactly(AsyncExecutionInterceptor.class, TracedInterceptor.class,
					CacheInterceptor.class);
		});
	}

	private static Class<?> kind(Class<?> adviceType) {
		for (Class<?> kind : List.of(AsyncExecutionInterceptor.class, TracedInterceptor.class,
				CacheInterceptor.class)) {
			if (kind.isAssignableFrom(adviceType)) {
				return kind;
			}
		}
		return adviceType;
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void voidAsyncMethodIsTracedOnTheThreadThatRunsIt(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Reports reports = proxied(context.getBean(Reports.class), proxyKind);
			Observed observed = new Observed();
			reports.generate("weekly", observed);
			assertThat(observed.done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(observed.thread.get()).isNotSameAs(Thread.currentThread());
			SpanData span = span(awaitSpans(context, 1), "DefaultReports.generate");
			assertThat(span.getSpanId()).isEqualTo(observed.spanId.get());
			assertThat(span.getAttributes().get(AttributeKey.stringKey("report"))).isEqualTo("weekly");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void asyncFutureSpanCoversTheWorkOnTheExecutor(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Reports reports = proxied(context.getBean(Reports.class), proxyKind);
			String spanIdInside = reports.render("monthly").get(10, TimeUnit.SECONDS);
			assertThat(span(awaitSpans(context, 1), "DefaultReports.render").getSpanId()).isEqualTo(spanIdInside);
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void cacheHitIsTracedButDoesNotRunTheMethod(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Reports reports = proxied(context.getBean(Reports.class), proxyKind);
			assertThat(reports.summary("q1")).isEqualTo("summary of q1");
			assertThat(reports.summary("q1")).isEqualTo("summary of q1");
			assertThat(context.getBean(Calls.class).summaries).hasValue(1);
			assertThat(spans(context)).extracting(SpanData::getName)
				.containsExactly("DefaultReports.summary", "DefaultReports.summary");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void springBootsOwnAutoProxyCreatorIsUsedWhenPresent(ProxyKind proxyKind) {
		runner(proxyKind).withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withUserConfiguration(Fixtures.class)
			.run((context) -> {
				Reports reports = proxied(context.getBean(Reports.class), proxyKind);
				reports.summary("q2");
				assertThat(spans(context)).extracting(SpanData::getName).containsExactly("DefaultReports.summary");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@EnableCaching
	static class Fixtures {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager("summaries");
		}

		@Bean
		Calls calls() {
			return new Calls();
		}

		@Bean
		DefaultReports reports(Calls calls) {
			return new DefaultReports(calls);
		}

	}

	static class Calls {

		final AtomicInteger summaries = new AtomicInteger();

	}

	static class Observed {

		final AtomicReference<String> spanId = new AtomicReference<>();

		final AtomicReference<Thread> thread = new AtomicReference<>();

		final CountDownLatch done = new CountDownLatch(1);

	}

	interface Reports {

		void generate(String report, Observed observed);

		CompletableFuture<String> render(String report);

		String summary(String quarter);

	}

	static class DefaultReports implements Reports {

		private final Calls calls;

		DefaultReports(Calls calls) {
			this.calls = calls;
		}

		@Override
		@Async
		@Traced
		public void generate(@SpanAttribute String report, Observed observed) {
			observed.spanId.set(currentSpanId());
			observed.thread.set(Thread.currentThread());
			observed.done.countDown();
		}

		@Override
		@Async
		@Traced
		public CompletableFuture<String> render(String report) {
			return CompletableFuture.completedFuture(currentSpanId());
		}

		@Override
		@Cacheable("summaries")
		@Traced
		public String summary(String quarter) {
			this.calls.summaries.incrementAndGet();
			return "summary of " + quarter;
		}

	}

}
