package dev.tracekit.traced;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import dev.tracekit.traced.TracedTestSupport.ProxyKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AliasFor;

import static dev.tracekit.traced.TracedTestSupport.proxied;
import static dev.tracekit.traced.TracedTestSupport.runner;
import static dev.tracekit.traced.TracedTestSupport.span;
import static dev.tracekit.traced.TracedTestSupport.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Synchronous methods, on JDK and CGLIB proxies: where the annotation may sit, what the span is
 * called and carries, how spans nest, and what a thrown exception leaves.
 */
class TracedSpanTests {

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void defaultSpanIsNamedAfterTheBeanClassAndMethodAndIsCurrentWhileTheMethodRuns(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Orders orders = proxied(context.getBean(Orders.class), proxyKind);
			String currentSpanId = orders.place("o-7", 3);
			SpanData span = span(spans(context), "DefaultOrders.place");
			assertThat(span.getSpanId()).isEqualTo(currentSpanId);
			assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(span.getParentSpanContext().isValid()).isFalse();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.tracekit.traced");
			// Declared on the interface's parameter; the unannotated quantity is not recorded.
			assertThat(span.getAttributes().asMap()).containsOnly(entry(AttributeKey.stringKey("order.id"), "o-7"));
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void nameKindAndConstantAttributesComeFromTheAnnotation(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			proxied(context.getBean(Orders.class), proxyKind).cancel("changed mind");
			SpanData span = span(spans(context), "cancel order");
			assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
			assertThat(span.getAttributes().asMap()).containsOnly(
					entry(AttributeKey.stringKey("tier"), "gold"), entry(AttributeKey.stringKey("query"), "a=b"));
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void unannotatedMethodOfATracedBeanGetsNoSpan(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Orders orders = proxied(context.getBean(Orders.class), proxyKind);
			assertThat(orders.describe()).isEqualTo(Span.getInvalid().getSpanContext().getSpanId());
			assertThat(spans(context)).isEmpty();
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void nestedTracedCallsAndAnOuterSpanFormOneTree(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Checkout checkout = proxied(context.getBean(Checkout.class), proxyKind);
			Span request = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent()) {
				checkout.checkout();
			}
			finally {
				request.end();
			}
			List<SpanData> spans = spans(context);
			SpanData outer = span(spans, "DefaultCheckout.checkout");
			SpanData inner = span(spans, "DefaultOrders.place");
			assertThat(outer.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
			assertThat(inner.getParentSpanId()).isEqualTo(outer.getSpanId());
			assertThat(List.of(outer.getTraceId(), inner.getTraceId()))
				.containsOnly(request.getSpanContext().getTraceId());
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void inheritContextFalseStartsANewTraceLinkedToTheCurrentSpan(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Checkout checkout = proxied(context.getBean(Checkout.class), proxyKind);
			Span request = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("request").startSpan();
			String currentSpanId;
			try (Scope scope = request.makeCurrent()) {
				currentSpanId = checkout.detached();
			}
			finally {
				request.end();
			}
			SpanData detached = span(spans(context), "DefaultCheckout.detached");
			assertThat(detached.getSpanId()).isEqualTo(currentSpanId);
			assertThat(detached.getParentSpanContext().isValid()).isFalse();
			assertThat(detached.getTraceId()).isNotEqualTo(request.getSpanContext().getTraceId());
			assertThat(detached.getLinks()).singleElement()
				.satisfies((link) -> assertThat(link.getSpanContext()).isEqualTo(request.getSpanContext()));
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void thrownExceptionIsRecordedAndRethrownUnchanged(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Orders orders = proxied(context.getBean(Orders.class), proxyKind);
			IllegalStateException unchecked = new IllegalStateException("out of stock");
			IOException checked = new IOException("disk gone");
			assertThatThrownBy(() -> orders.fail(unchecked)).isSameAs(unchecked);
			assertThatThrownBy(() -> orders.read(checked)).isSameAs(checked);
			List<SpanData> spans = spans(context);
			assertFailed(span(spans, "DefaultOrders.fail"), IllegalStateException.class, "out of stock");
			assertFailed(span(spans, "DefaultOrders.read"), IOException.class, "disk gone");
		});
	}

	static void assertFailed(SpanData span, Class<? extends Throwable> type, String message) {
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("exception");
			assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type"))).isEqualTo(type.getName());
			assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo(message);
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void annotationOnASuperclassMethodIsFoundForOverridingAndInheritedMethods(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Repository repository = proxied(context.getBean(Repository.class), proxyKind);
			String loadSpanId = repository.load("u-1");
			String saveSpanId = repository.save("u-1");
			List<SpanData> spans = spans(context);
			assertThat(span(spans, "UserRepository.load").getSpanId()).isEqualTo(loadSpanId);
			assertThat(span(spans, "base save").getSpanId()).isEqualTo(saveSpanId);
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void classLevelAnnotationTracesEveryPublicMethodAndAMethodLevelOneWins(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Audit audit = proxied(context.getBean(Audit.class), proxyKind);
			audit.record("login");
			audit.overridden();
			assertThat(audit.toString()).isEqualTo("audit");
			List<SpanData> spans = spans(context);
			assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder("DefaultAudit.record", "explicit");
			assertThat(span(spans, "DefaultAudit.record").getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(span(spans, "explicit").getKind()).isEqualTo(SpanKind.INTERNAL);
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void interfaceLevelAnnotationTracesTheImplementation(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			proxied(context.getBean(Inventory.class), proxyKind).count("sku-9");
			SpanData span = span(spans(context), "DefaultInventory.count");
			// The key is the implementation's parameter name, kept by -parameters.
			assertThat(span.getAttributes().get(AttributeKey.stringKey("sku"))).isEqualTo("sku-9");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void metaAnnotationIsHonouredWithItsAliasedName(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Customers customers = proxied(context.getBean(Customers.class), proxyKind);
			customers.find("c-1");
			customers.findAll();
			List<SpanData> spans = spans(context);
			for (SpanData span : List.of(span(spans, "customers by id"), span(spans, "DefaultCustomers.findAll"))) {
				assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
				assertThat(span.getAttributes().get(AttributeKey.stringKey("layer"))).isEqualTo("repository");
			}
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void unsampledSpanIsStillCurrentButNoAttributeWorkIsDone(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class)
			.withPropertyValues("tracekit.sampler.type=always_off")
			.run((context) -> {
				Inventory inventory = proxied(context.getBean(Inventory.class), proxyKind);
				Attributed argument = new Attributed();
				assertThat(inventory.weigh(argument)).isTrue();
				assertThat(argument.conversions).hasValue(0);
				assertThat(spans(context)).isEmpty();
			});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void sampledSpanConvertsTheArgument(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Attributed argument = new Attributed();
			proxied(context.getBean(Inventory.class), proxyKind).weigh(argument);
			assertThat(argument.conversions).hasValue(1);
			assertThat(span(spans(context), "DefaultInventory.weigh").getAttributes()
				.get(AttributeKey.stringKey("item"))).isEqualTo("attributed");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void beanWithoutAnyAnnotationIsNotProxied(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Plain.class))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(Orders.class))).isTrue();
		});
	}

	private static <K, V> java.util.Map.Entry<K, V> entry(K key, V value) {
		return java.util.Map.entry(key, value);
	}

	static String currentSpanId() {
		return Span.current().getSpanContext().getSpanId();
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		DefaultOrders orders() {
			return new DefaultOrders();
		}

		@Bean
		DefaultCheckout checkout(Orders orders) {
			return new DefaultCheckout(orders);
		}

		@Bean
		UserRepository userRepository() {
			return new UserRepository();
		}

		@Bean
		DefaultAudit audit() {
			return new DefaultAudit();
		}

		@Bean
		DefaultInventory inventory() {
			return new DefaultInventory();
		}

		@Bean
		DefaultCustomers customers() {
			return new DefaultCustomers();
		}

		@Bean
		DefaultPlain plain() {
			return new DefaultPlain();
		}

	}

	interface Orders {

		@Traced
		String place(@SpanAttribute("order.id") String id, int quantity);

		String cancel(String reason);

		String describe();

		String fail(RuntimeException failure);

		String read(IOException failure) throws IOException;

	}

	static class DefaultOrders implements Orders {

		@Override
		public String place(String id, int quantity) {
			return currentSpanId();
		}

		@Override
		@Traced(value = "cancel order", kind = SpanKind.PRODUCER, attributes = { "tier=gold", "query=a=b" })
		public String cancel(String reason) {
			return currentSpanId();
		}

		@Override
		public String describe() {
			return currentSpanId();
		}

		@Override
		@Traced
		public String fail(RuntimeException failure) {
			throw failure;
		}

		@Override
		@Traced
		public String read(IOException failure) throws IOException {
			throw failure;
		}

	}

	interface Checkout {

		String checkout();

		String detached();

	}

	static class DefaultCheckout implements Checkout {

		private final Orders orders;

		DefaultCheckout(Orders orders) {
			this.orders = orders;
		}

		@Override
		@Traced
		public String checkout() {
			return this.orders.place("o-1", 1);
		}

		@Override
		@Traced(inheritContext = false)
		public String detached() {
			return currentSpanId();
		}

	}

	interface Repository {

		String load(String id);

		String save(String id);

	}

	abstract static class BaseRepository implements Repository {

		@Override
		@Traced
		public String load(String id) {
			return "never called";
		}

		@Override
		@Traced("base save")
		public String save(String id) {
			return currentSpanId();
		}

	}

	static class UserRepository extends BaseRepository {

		@Override
		public String load(String id) {
			return currentSpanId();
		}

	}

	interface Audit {

		String record(String event);

		String overridden();

	}

	@Traced(kind = SpanKind.CONSUMER)
	static class DefaultAudit implements Audit {

		@Override
		public String record(String event) {
			return currentSpanId();
		}

		@Override
		@Traced("explicit")
		public String overridden() {
			return currentSpanId();
		}

		@Override
		public String toString() {
			return "audit";
		}

	}

	@Traced
	interface Inventory {

		long count(@SpanAttribute String sku);

		boolean weigh(@SpanAttribute("item") Object item);

	}

	static class DefaultInventory implements Inventory {

		@Override
		public long count(String sku) {
			return 1;
		}

		@Override
		public boolean weigh(Object item) {
			return Span.current().getSpanContext().isValid();
		}

	}

	static class Attributed {

		final AtomicInteger conversions = new AtomicInteger();

		@Override
		public String toString() {
			this.conversions.incrementAndGet();
			return "attributed";
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Traced(kind = SpanKind.CLIENT, attributes = "layer=repository")
	@interface TracedRepository {

		@AliasFor(annotation = Traced.class, attribute = "value")
		String value() default "";

	}

	interface Customers {

		String find(String id);

		String findAll();

	}

	@TracedRepository
	static class DefaultCustomers implements Customers {

		@Override
		@TracedRepository("customers by id")
		public String find(String id) {
			return currentSpanId();
		}

		@Override
		public String findAll() {
			return currentSpanId();
		}

	}

	interface Plain {

		String hello();

	}

	static class DefaultPlain implements Plain {

		@Override
		public String hello() {
			return "hello";
		}

	}

}
