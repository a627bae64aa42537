package dev.tracekit.traced;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import dev.tracekit.traced.TracedTestSupport.ProxyKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.map.repository.config.EnableMapRepositories;
import org.springframework.data.repository.CrudRepository;

import static dev.tracekit.traced.TracedTestSupport.awaitSpans;
import static dev.tracekit.traced.TracedTestSupport.runner;
import static dev.tracekit.traced.TracedTestSupport.span;
import static dev.tracekit.traced.TracedTestSupport.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code @Traced} never breaks the call it traces: an argument that cannot be recorded is left
 * out and the method still runs with its span ended; spans of JDK proxies (Spring Data
 * repositories) are named after the user's interface; annotated methods no proxy can intercept
 * are reported at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracedCallSafetyTests {

	private static final String UNREADABLE_WARNING = "@SpanAttribute 'order' of " + DefaultOrders.class.getName()
			+ ".place(Order, String) could not be read";

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void anArgumentWhoseToStringThrowsIsLeftOutAndTheMethodRunsAndItsSpanEnds(ProxyKind proxyKind) {
		runner(proxyKind).withUserConfiguration(Fixtures.class).run((context) -> {
			Orders orders = context.getBean(Orders.class);
			assertThat(orders.place(new Order(true), "o-1")).isEqualTo("placed o-1");
			assertThat(context.getBean(Calls.class).count).hasValue(1);
			SpanData span = span(spans(context), "DefaultOrders.place");
			assertThat(span.hasEnded()).isTrue();
			// The readable argument after the broken one is still recorded.
			assertThat(span.getAttributes().asMap()).containsOnly(entry(AttributeKey.stringKey("order.id"), "o-1"));
		});
	}

	@Test
	void anArgumentWhoseToStringRecursesWithoutEndIsLeftOutAndTheMethodRuns() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			Node node = new Node();
			node.next = new Node();
			node.next.next = node;
			assertThat(context.getBean(Orders.class).route(node)).isEqualTo("routed");
			assertThat(span(spans(context), "DefaultOrders.route").getAttributes().isEmpty()).isTrue();
		});
	}

	@Test
	void anUnreadableArgumentIsReportedOncePerMethodNotPerCall(CapturedOutput output) {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			Orders orders = context.getBean(Orders.class);
			for (int i = 0; i < 3; i++) {
				orders.place(new Order(true), "o-" + i);
			}
			assertThat(spans(context)).hasSize(3);
			assertThat(output.getOut().lines().filter((line) -> line.contains(UNREADABLE_WARNING)))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN"));
			assertThat(output.getOut()).contains("IllegalStateException: no session to load the order from");
		});
	}

	@Test
	void aReadableArgumentOfTheSameMethodIsRecordedAfterAnUnreadableOne() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			Orders orders = context.getBean(Orders.class);
			orders.place(new Order(true), "o-1");
			orders.place(new Order(false), "o-2");
			assertThat(spans(context)).extracting((span) -> span.getAttributes().get(AttributeKey.stringKey("order")))
				.containsExactly(null, "Order[loaded]");
		});
	}

	@Test
	void aFutureWithAnUnreadableArgumentCompletesAndItsSpanEnds() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			CompletableFuture<String> result = context.getBean(Orders.class).placeLater(new Order(true));
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("placed later");
			assertThat(awaitSpans(context, 1)).singleElement()
				.satisfies((span) -> assertThat(span.getName()).isEqualTo("DefaultOrders.placeLater"));
		});
	}

	@Test
	void aMonoWithAnUnreadableArgumentEmitsAndItsSpanEnds() {
		runner().withUserConfiguration(Fixtures.class).run((context) -> {
			Mono<String> result = context.getBean(Orders.class).placeReactively(new Order(true));
			assertThat(result.block()).isEqualTo("placed reactively");
			SpanData span = span(spans(context), "DefaultOrders.placeReactively");
			assertThat(span.hasEnded()).isTrue();
			assertThat(span.getAttributes().isEmpty()).isTrue();
		});
	}

	@Test
	void aSpringDataRepositoryIsNamedAfterTheInterfaceTheUserWrote() {
		runner().withUserConfiguration(RepositoryConfiguration.class).run((context) -> {
			OwnerRepository owners = context.getBean(OwnerRepository.class);
			assertThat(AopUtils.isJdkDynamicProxy(owners)).isTrue();
			owners.save(new Owner("o-1", "Ada"));
			assertThat(owners.findById("o-1")).map(Owner::name).contains("Ada");
			assertThat(owners.findByName("Ada")).hasSize(1);
			List<SpanData> spans = spans(context);
			assertThat(spans).extracting(SpanData::getName)
				.containsExactly("OwnerRepository.save", "OwnerRepository.findById", "OwnerRepository.findByName");
			assertThat(span(spans, "OwnerRepository.findByName").getAttributes().asMap())
				.containsOnly(entry(AttributeKey.stringKey("name"), "Ada"));
		});
	}

	@Test
	void anyJdkProxyBeanIsNamedAfterItsInterface() {
		runner().withBean(Greeter.class, TracedCallSafetyTests::greeterProxy).run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(greeter.greet("Ada")).isEqualTo("hello Ada");
			assertThat(spans(context)).extracting(SpanData::getName).containsExactly("Greeter.greet");
		});
	}

	@Test
	void annotatedMethodsNoProxyCanInterceptAreReportedOnceAtStartup(CapturedOutput output) {
		runner().withUserConfiguration(UninterceptableConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			String reported = output.getOut();
			String type = Uninterceptable.class.getName();
			assertThat(reported.lines().filter((line) -> line.contains(type + ".secret(String) is annotated")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN").contains("private"));
			assertThat(reported.lines().filter((line) -> line.contains(type + ".sealed() is annotated")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("final"));
			assertThat(reported.lines().filter((line) -> line.contains(type + ".shared() is annotated")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("static"));
			assertThat(reported).doesNotContain(type + ".open() is annotated");
			// The interceptable method is still traced.
			context.getBean("uninterceptable", Uninterceptable.class).open();
			assertThat(spans(context)).extracting(SpanData::getName).containsExactly("Uninterceptable.open");
		});
	}

	private static Greeter greeterProxy() {
		return (Greeter) Proxy.newProxyInstance(Greeter.class.getClassLoader(), new Class<?>[] { Greeter.class },
				(proxy, method, arguments) -> switch (method.getName()) {
					case "greet" -> "hello " + arguments[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == arguments[0];
					default -> "Greeter proxy";
				});
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		Calls calls() {
			return new Calls();
		}

		@Bean
		DefaultOrders orders(Calls calls) {
			return new DefaultOrders(calls);
		}

	}

	static class Calls {

		final AtomicInteger count = new AtomicInteger();

	}

	/** An entity whose toString() needs a session that is gone, as a detached lazy entity's does. */
	record Order(boolean detached) {

		@Override
		public String toString() {
			if (this.detached) {
				throw new IllegalStateException("no session to load the order from");
			}
			return "Order[loaded]";
		}

	}

	/** Two nodes pointing at each other: toString() never ends. */
	static class Node {

		Node next;

		@Override
		public String toString() {
			return "Node->" + this.next;
		}

	}

	interface Orders {

		String place(@SpanAttribute("order") Order order, @SpanAttribute("order.id") String id);

		String route(@SpanAttribute("route") Node node);

		CompletableFuture<String> placeLater(@SpanAttribute("order") Order order);

		Mono<String> placeReactively(@SpanAttribute("order") Order order);

	}

	@Traced
	static class DefaultOrders implements Orders {

		private final Calls calls;

		DefaultOrders(Calls calls) {
			this.calls = calls;
		}

		@Override
		public String place(Order order, String id) {
			this.calls.count.incrementAndGet();
			return "placed " + id;
		}

		@Override
		public String route(Node node) {
			return "routed";
		}

		@Override
		public CompletableFuture<String> placeLater(Order order) {
			return CompletableFuture.supplyAsync(() -> "placed later");
		}

		@Override
		public Mono<String> placeReactively(Order order) {
			return Mono.fromSupplier(() -> "placed reactively");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMapRepositories(basePackageClasses = OwnerRepository.class, considerNestedRepositories = true,
			includeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
					type = org.springframework.context.annotation.FilterType.ASSIGNABLE_TYPE,
					classes = OwnerRepository.class))
	static class RepositoryConfiguration {

	}

	record Owner(@Id String id, String name) {

	}

	@Traced
	interface OwnerRepository extends CrudRepository<Owner, String> {

		List<Owner> findByName(@SpanAttribute String name);

	}

	interface Greeter {

		@Traced
		String greet(String name);

	}

	@Configuration(proxyBeanMethods = false)
	static class UninterceptableConfiguration {

		@Bean
		Uninterceptable uninterceptable() {
			return new Uninterceptable();
		}

		@Bean
		Uninterceptable anotherOfTheSameClass() {
			return new Uninterceptable();
		}

	}

	static class Uninterceptable {

		@Traced
		public void open() {
			secret("x");
		}

		@Traced
		private void secret(String value) {
		}

		@WithSpan
		public final void sealed() {
		}

		@Traced
		static void shared() {
		}

	}

}
