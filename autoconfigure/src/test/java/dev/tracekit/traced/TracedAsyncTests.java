package dev.tracekit.traced;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import dev.tracekit.autoconfigure.TracerProviderCustomizer;
import dev.tracekit.traced.TracedTestSupport.ProxyKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.tracekit.traced.TracedSpanTests.assertFailed;
import static dev.tracekit.traced.TracedSpanTests.currentSpanId;
import static dev.tracekit.traced.TracedTestSupport.awaitSpans;
import static dev.tracekit.traced.TracedTestSupport.proxied;
import static dev.tracekit.traced.TracedTestSupport.span;
import static dev.tracekit.traced.TracedTestSupport.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Methods returning a {@code CompletionStage}, a {@code Mono} or a {@code Flux}: the span ends with
 * the asynchronous work, not when the method returns. The tracer provider runs on a test clock, so
 * a span's duration shows exactly when it ended.
 */
class TracedAsyncTests {

	private final TestClock clock = TestClock.create();

	private ApplicationContextRunner runner(ProxyKind proxyKind) {
		return TracedTestSupport.runner(proxyKind)
			.withBean(TracerProviderCustomizer.class, () -> (builder) -> builder.setClock(this.clock))
			.withUserConfiguration(Fixtures.class);
	}

	private static long durationNanos(SpanData span) {
		return span.getEndEpochNanos() - span.getStartEpochNanos();
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void futureSpanEndsWhenTheFutureCompletes(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			PaymentState target = context.getBean(PaymentState.class);
			CompletableFuture<String> future = payments.charge("acct-1");
			assertThat(future).isSameAs(target.pending);
			assertThat(spans(context)).isEmpty();
			this.clock.advance(Duration.ofSeconds(5));
			future.complete("charged");
			SpanData span = span(awaitSpans(context, 1), "DefaultPayments.charge");
			assertThat(durationNanos(span)).isEqualTo(Duration.ofSeconds(5).toNanos());
			assertThat(span.getSpanId()).isEqualTo(target.chargeSpanId);
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(span.getAttributes().get(AttributeKey.stringKey("account"))).isEqualTo("acct-1");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void exceptionallyCompletedStageFailsTheSpanWithTheUnwrappedCause(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			assertThatThrownBy(() -> payments.decline().toCompletableFuture().join())
				.hasCauseInstanceOf(IllegalStateException.class);
			assertFailed(span(awaitSpans(context, 1), "DefaultPayments.decline"), IllegalStateException.class,
					"declined");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void monoSpanIsCurrentInsideThePublisherAndAChildOfTheCaller(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			Span caller = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("caller").startSpan();
			Mono<String> authorize;
			try (Scope scope = caller.makeCurrent()) {
				authorize = payments.authorize();
			}
			finally {
				caller.end();
			}
			assertThat(spans(context)).extracting(SpanData::getName).containsExactly("caller");
			// Subscribed outside the caller's scope: the parent is still the caller.
			String spanIdInside = authorize.block();
			SpanData span = span(spans(context), "DefaultPayments.authorize");
			assertThat(span.getSpanId()).isEqualTo(spanIdInside);
			assertThat(span.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void monoSpanEndsOnTheTerminalSignal(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			List<String> received = new ArrayList<>();
			payments.awaitAnswer().subscribe(received::add);
			assertThat(spans(context)).isEmpty();
			this.clock.advance(Duration.ofSeconds(3));
			context.getBean(PaymentState.class).answer.tryEmitValue("yes").orThrow();
			assertThat(received).containsExactly("yes");
			SpanData span = span(spans(context), "DefaultPayments.awaitAnswer");
			assertThat(durationNanos(span)).isEqualTo(Duration.ofSeconds(3).toNanos());
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void everySubscriptionGetsItsOwnSpanAndNoSubscriptionNone(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			payments.authorize();
			assertThat(spans(context)).isEmpty();
			Mono<String> authorize = payments.authorize();
			String first = authorize.block();
			String second = authorize.block();
			assertThat(first).isNotEqualTo(second);
			assertThat(spans(context)).extracting(SpanData::getSpanId).containsExactlyInAnyOrder(first, second);
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void monoErrorFailsTheSpanAndReachesTheSubscriberUnchanged(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			assertThatThrownBy(() -> payments.reject().block()).isSameAs(context.getBean(PaymentState.class).rejection);
			assertFailed(span(spans(context), "DefaultPayments.reject"), IllegalArgumentException.class, "rejected");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void methodThatThrowsInsteadOfReturningAPublisherFailsASpan(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			assertThatThrownBy(payments::broken).isInstanceOf(IllegalStateException.class)
				.hasMessage("cannot assemble");
			assertFailed(span(spans(context), "DefaultPayments.broken"), IllegalStateException.class,
					"cannot assemble");
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void fluxHasOneSpanCurrentForEveryElement(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			List<String> spanIds = payments.ledger(3).collectList().block();
			SpanData span = span(spans(context), "DefaultPayments.ledger");
			assertThat(spanIds).containsExactly(span.getSpanId(), span.getSpanId(), span.getSpanId());
			assertThat(span.getAttributes().get(AttributeKey.longKey("entries"))).isEqualTo(3L);
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void fluxSpanEndsOnCancelWithoutAnError(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			Disposable subscription = payments.events().subscribe();
			assertThat(spans(context)).isEmpty();
			this.clock.advance(Duration.ofSeconds(2));
			subscription.dispose();
			SpanData span = span(spans(context), "DefaultPayments.events");
			assertThat(durationNanos(span)).isEqualTo(Duration.ofSeconds(2).toNanos());
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(span.getEvents()).isEmpty();
		});
	}

	@ParameterizedTest
	@EnumSource(ProxyKind.class)
	void fluxErrorFailsTheSpan(ProxyKind proxyKind) {
		runner(proxyKind).run((context) -> {
			Payments payments = proxied(context.getBean(Payments.class), proxyKind);
			List<Throwable> errors = new ArrayList<>();
			payments.events().subscribe((event) -> {
			}, errors::add);
			IllegalStateException failure = new IllegalStateException("feed closed");
			context.getBean(PaymentState.class).events.tryEmitError(failure).orThrow();
			assertThat(errors).containsExactly(failure);
			assertFailed(span(spans(context), "DefaultPayments.events"), IllegalStateException.class, "feed closed");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		PaymentState paymentState() {
			return new PaymentState();
		}

		@Bean
		DefaultPayments payments(PaymentState state) {
			return new DefaultPayments(state);
		}

	}

	interface Payments {

		CompletableFuture<String> charge(@SpanAttribute String account);

		CompletionStage<String> decline();

		Mono<String> authorize();

		Mono<String> awaitAnswer();

		Mono<String> reject();

		Mono<String> broken();

		Flux<String> ledger(@SpanAttribute("entries") int count);

		Flux<String> events();

	}

	/** What the test drives and observes, kept outside the proxied bean. */
	static class PaymentState {

		final CompletableFuture<String> pending = new CompletableFuture<>();

		volatile String chargeSpanId;

		final Sinks.One<String> answer = Sinks.one();

		final Sinks.Many<String> events = Sinks.many().multicast().onBackpressureBuffer();

		final IllegalArgumentException rejection = new IllegalArgumentException("rejected");

	}

	@Traced
	static class DefaultPayments implements Payments {

		private final PaymentState state;

		DefaultPayments(PaymentState state) {
			this.state = state;
		}

		@Override
		public CompletableFuture<String> charge(String account) {
			this.state.chargeSpanId = currentSpanId();
			return this.state.pending;
		}

		@Override
		public CompletionStage<String> decline() {
			return CompletableFuture.supplyAsync(() -> {
				throw new IllegalStateException("declined");
			});
		}

		@Override
		public Mono<String> authorize() {
			return Mono.fromCallable(TracedSpanTests::currentSpanId);
		}

		@Override
		public Mono<String> awaitAnswer() {
			return this.state.answer.asMono();
		}

		@Override
		public Mono<String> reject() {
			return Mono.error(this.state.rejection);
		}

		@Override
		public Mono<String> broken() {
			throw new IllegalStateException("cannot assemble");
		}

		@Override
		public Flux<String> ledger(int count) {
			return Flux.range(1, count).map((entry) -> currentSpanId());
		}

		@Override
		public Flux<String> events() {
			return this.state.events.asFlux();
		}

	}

}
