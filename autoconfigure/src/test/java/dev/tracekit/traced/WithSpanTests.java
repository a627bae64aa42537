package dev.tracekit.traced;

import java.util.concurrent.CompletableFuture;

import dev.tracekit.traced.TracedTestSupport.ProxyKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.tracekit.traced.TracedSpanTests.currentSpanId;
import static dev.tracekit.traced.TracedTestSupport.awaitSpans;
import static dev.tracekit.traced.TracedTestSupport.proxied;
import static dev.tracekit.traced.TracedTestSupport.runner;
import static dev.tracekit.traced.TracedTestSupport.span;
import static dev.tracekit.traced.TracedTestSupport.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * OpenTelemetry's {@code @WithSpan} and {@code @SpanAttribute}, so code written for OpenTelemetry's
 * starter is traced the same way.
 */
class WithSpanTests {

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void withSpanNamesKindsAndRecordsAttributesLikeTraced(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Shipping shipping = proxied(context.getBean(Shipping.class), proxyKind);
			String defaultNameSpanId = shipping.quote("NL", 3);
			shipping.ship("parcel-1", true);
			SpanData quote = span(spans(context), "DefaultShipping.quote");
			assertThat(quote.getSpanId()).isEqualTo(defaultNameSpanId);
			assertThat(quote.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(quote.getAttributes().asMap()).containsOnly(entry(AttributeKey.stringKey("country"), "NL"),
					entry(AttributeKey.longKey("parcels"), 3L));
			SpanData ship = span(spans(context), "ship parcel");
			assertThat(ship.getKind()).isEqualTo(SpanKind.PRODUCER);
			// tracekit's @SpanAttribute works on a @WithSpan method too.
			assertThat(ship.getAttributes().asMap()).containsOnly(entry(AttributeKey.stringKey("parcel.id"), "parcel-1"),
					entry(AttributeKey.booleanKey("express"), true));
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void withSpanInheritContextFalseStartsALinkedTrace(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Shipping shipping = proxied(context.getBean(Shipping.class), proxyKind);
			Span request = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent()) {
				shipping.audit();
			}
			finally {
				request.end();
			}
			SpanData audit = span(spans(context), "DefaultShipping.audit");
			assertThat(audit.getParentSpanContext().isValid()).isFalse();
			assertThat(audit.getLinks()).singleElement()
				.satisfies((link) -> assertThat(link.getSpanContext()).isEqualTo(request.getSpanContext()));
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void withSpanOnAFutureEndsWhenItCompletes(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Shipping shipping = proxied(context.getBean(Shipping.class), proxyKind);
			CompletableFuture<String> tracking = shipping.track();
			assertThat(spans(context)).isEmpty();
			tracking.complete("delivered");
			assertThat(awaitSpans(context, 1)).extracting(SpanData::getName).containsExactly("DefaultShipping.track");
		});
	}

	@Test
	void tracedWorksWithoutOpenTelemetrysAnnotationsOnTheClasspath() {
		runner().withClassLoader(new FilteredClassLoader("io.opentelemetry.instrumentation.annotations"))
			.withBean(Clerk.class)
			.run((context) -> {
				context.getBean(Clerk.class).file("form-1");
				assertThat(spans(context)).extracting(SpanData::getName).containsExactly("Clerk.file");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		DefaultShipping shipping() {
			return new DefaultShipping();
		}

	}

	// Public: its CGLIB subclass is defined by the filtering class loader, outside this package.
	public static class Clerk {

		@dev.tracekit.annotation.Traced
		public void file(String form) {
		}

	}

	interface Shipping {

		String quote(String country, int parcels);

		void ship(String parcelId, boolean express);

		void audit();

		CompletableFuture<String> track();

	}

	static class DefaultShipping implements Shipping {

		private final CompletableFuture<String> tracking = new CompletableFuture<>();

		@Override
		@WithSpan
		public String quote(@SpanAttribute String country, @SpanAttribute("parcels") int parcels) {
			return currentSpanId();
		}

		@Override
		@WithSpan(value = "ship parcel", kind = SpanKind.PRODUCER)
		public void ship(@SpanAttribute("parcel.id") String parcelId,
				@dev.tracekit.annotation.SpanAttribute boolean express) {
		}

		@Override
		@WithSpan(inheritContext = false)
		public void audit() {
		}

		@Override
		@WithSpan
		public CompletableFuture<String> track() {
			return this.tracking;
		}

	}

}
