package dev.tracekit.traced;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.tracekit.traced.TracedTestSupport.runner;
import static dev.tracekit.traced.TracedTestSupport.span;
import static dev.tracekit.traced.TracedTestSupport.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * How {@link SpanAttribute} arguments become typed span attributes.
 */
class SpanAttributeTests {

	@Test
	void scalarsKeepTheirTypeAndNullRecordsNothing() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			context.getBean(Shop.class).scalars("espresso", 3, 12L, (short) 2, 2.5, 0.5f, true, 'x', null);
			Map<AttributeKey<?>, Object> attributes = span(spans(context), "Shop.scalars").getAttributes().asMap();
			assertThat(attributes).containsOnly(entry(AttributeKey.stringKey("product"), "espresso"),
					entry(AttributeKey.longKey("quantity"), 3L), entry(AttributeKey.longKey("customer.id"), 12L),
					entry(AttributeKey.longKey("small"), 2L), entry(AttributeKey.doubleKey("price"), 2.5),
					entry(AttributeKey.doubleKey("ratio"), 0.5), entry(AttributeKey.booleanKey("express"), true),
					entry(AttributeKey.stringKey("grade"), "x"));
		});
	}

	@Test
	void arraysAndCollectionsOfOneKindBecomeTypedArrays() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			context.getBean(Shop.class)
				.arrays(new String[] { "a", "b" }, new int[] { 1, 2 }, new long[] { 3 }, new double[] { 1.5 },
						new boolean[] { true, false }, List.of(4L, 5), Set.of(2.5f), List.of(true),
						new Integer[] { 7, 8 });
			Map<AttributeKey<?>, Object> attributes = span(spans(context), "Shop.arrays").getAttributes().asMap();
			assertThat(attributes).containsOnly(entry(AttributeKey.stringArrayKey("tags"), List.of("a", "b")),
					entry(AttributeKey.longArrayKey("ints"), List.of(1L, 2L)),
					entry(AttributeKey.longArrayKey("longs"), List.of(3L)),
					entry(AttributeKey.doubleArrayKey("doubles"), List.of(1.5)),
					entry(AttributeKey.booleanArrayKey("flags"), List.of(true, false)),
					entry(AttributeKey.longArrayKey("ids"), List.of(4L, 5L)),
					entry(AttributeKey.doubleArrayKey("weights"), List.of(2.5)),
					entry(AttributeKey.booleanArrayKey("checks"), List.of(true)),
					entry(AttributeKey.longArrayKey("boxed"), List.of(7L, 8L)));
		});
	}

	@Test
	void otherValuesAndMixedCollectionsAreRecordedAsStrings() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			context.getBean(Shop.class)
				.others(new BigDecimal("12.3456789012345678901"), new Sku("s-1"), Arrays.asList("a", 1, null),
						List.of());
			Map<AttributeKey<?>, Object> attributes = span(spans(context), "Shop.others").getAttributes().asMap();
			assertThat(attributes).containsOnly(entry(AttributeKey.stringKey("amount"), "12.3456789012345678901"),
					entry(AttributeKey.stringKey("sku"), "Sku[id=s-1]"),
					entry(AttributeKey.stringArrayKey("mixed"), List.of("a", "1", "null")),
					entry(AttributeKey.stringArrayKey("empty"), List.of()));
		});
	}

	@Test
	void spanLimitsStillApplyToRecordedArguments() {
		runner().withUserConfiguration(Fixtures.class)
			.withPropertyValues("tracekit.limits.attribute-value-length=4")
			.run((context) -> {
				context.getBean(Shop.class).scalars("cappuccino", 1, 1L, (short) 1, 1, 1, false, 'y', null);
				assertThat(span(spans(context), "Shop.scalars").getAttributes()
					.get(AttributeKey.stringKey("product"))).isEqualTo("capp");
			});
	}

	@Test
	void argumentsAreReadBeforeTheMethodCanChangeThem() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			String[] tags = { "before" };
			context.getBean(Shop.class).mutate(tags);
			assertThat(tags).containsExactly("after");
			SpanData span = span(spans(context), "Shop.mutate");
			assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("tags"))).containsExactly("before");
		});
	}

	record Sku(String id) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		Shop shop() {
			return new Shop();
		}

	}

	static class Shop {

		@Traced
		public void scalars(@SpanAttribute String product, @SpanAttribute int quantity,
				@SpanAttribute("customer.id") Long customerId, @SpanAttribute short small, @SpanAttribute double price,
				@SpanAttribute float ratio, @SpanAttribute boolean express, @SpanAttribute char grade,
				@SpanAttribute String missing) {
			assertThat(Span.current().isRecording()).isTrue();
		}

		@Traced
		public void arrays(@SpanAttribute String[] tags, @SpanAttribute int[] ints, @SpanAttribute long[] longs,
				@SpanAttribute double[] doubles, @SpanAttribute boolean[] flags, @SpanAttribute List<Number> ids,
				@SpanAttribute Set<Float> weights, @SpanAttribute List<Boolean> checks,
				@SpanAttribute Integer[] boxed) {
		}

		@Traced
		public void others(@SpanAttribute BigDecimal amount, @SpanAttribute Sku sku, @SpanAttribute List<?> mixed,
				@SpanAttribute List<String> empty) {
		}

		@Traced
		public void mutate(@SpanAttribute String[] tags) {
			tags[0] = "after";
		}

	}

}
