package dev.tracekit.traced;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * Spans for methods returning a Reactor {@link Mono} or {@link Flux}: each subscription starts
 * one, makes it current while subscribing upstream (so work done during subscription, such as a
 * {@code Mono.fromCallable} on the subscribing thread, is its child) and ends it on the terminal
 * signal or on cancel. Loaded only when Reactor is on the classpath.
 *
 * <p>
 * Signals that arrive later on other threads (after {@code publishOn}, from a timer, from a
 * non-blocking client) do not carry the span by themselves: that needs context propagation across
 * Reactor's schedulers, which this class does not install.
 */
final class ReactorSpans {

	private ReactorSpans() {
	}

	/** Whether a declared return type can be replaced by a traced publisher of the same type. */
	static boolean isTraceable(Class<?> returnType) {
		return returnType == Mono.class || returnType == Flux.class;
	}

	static Object trace(Object publisher, TracedInterceptor.Call call) {
		if (publisher instanceof Mono<?> mono) {
			return new TracedMono<>(mono, call);
		}
		if (publisher instanceof Flux<?> flux) {
			return new TracedFlux<>(flux, call);
		}
		return publisher;
	}

	private static <T> void subscribe(org.reactivestreams.Publisher<T> source, CoreSubscriber<? super T> actual,
			TracedInterceptor.Call call) {
		Span span = call.start();
		SpanEndingSubscriber<T> subscriber = new SpanEndingSubscriber<>(actual, span, call);
		try (Scope scope = call.makeCurrent(span)) {
			source.subscribe(subscriber);
		}
		catch (RuntimeException | Error ex) {
			subscriber.end(ex);
			throw ex;
		}
	}

	private static final class TracedMono<T> extends MonoOperator<T, T> {

		private final TracedInterceptor.Call call;

		TracedMono(Mono<? extends T> source, TracedInterceptor.Call call) {
			super(source);
			this.call = call;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			ReactorSpans.subscribe(this.source, actual, this.call);
		}

	}

	private static final class TracedFlux<T> extends FluxOperator<T, T> {

		private final TracedInterceptor.Call call;

		TracedFlux(Flux<? extends T> source, TracedInterceptor.Call call) {
			super(source);
			this.call = call;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			ReactorSpans.subscribe(this.source, actual, this.call);
		}

	}

	/**
	 * Passes every signal through and ends the span once: before a terminal signal goes
	 * downstream, so the span does not include the subscriber's own handling, or on cancel.
	 */
	private static final class SpanEndingSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Span span;

		private final TracedInterceptor.Call call;

		private final AtomicBoolean ended = new AtomicBoolean();

		private @Nullable Subscription upstream;

		SpanEndingSubscriber(CoreSubscriber<? super T> actual, Span span, TracedInterceptor.Call call) {
			this.actual = actual;
			this.span = span;
			this.call = call;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(T value) {
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable failure) {
			end(failure);
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			end(null);
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.request(n);
			}
		}

		@Override
		public void cancel() {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
			end(null);
		}

		void end(@Nullable Throwable failure) {
			if (this.ended.compareAndSet(false, true)) {
				this.call.end(this.span, failure);
			}
		}

	}

}
