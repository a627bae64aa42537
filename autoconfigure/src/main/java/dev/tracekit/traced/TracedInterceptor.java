package dev.tracekit.traced;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import dev.tracekit.micrometer.SpanScopes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps a traced method's call in a span that is current while the method runs, records what it
 * throws and ends when the call, its {@code CompletionStage} or its subscription is done.
 */
final class TracedInterceptor implements MethodInterceptor {

	/** The instrumentation scope of the spans. */
	static final String INSTRUMENTATION_NAME = "dev.tracekit.traced";

	private final TracedMethods methods;

	private final Supplier<Tracer> tracer;

	private final PipelineFlush pipelineFlush;

	private final Supplier<SpanScopes> spanScopes;

	/**
	 * Creates the interceptor.
	 * @param methods how each method is traced
	 * @param openTelemetry supplies the OpenTelemetry instance on the first traced call, so the
	 * advisor can exist before the pipeline is built
	 * @param pipelineFlush what {@code flush = true} calls
	 * @param spanScopes makes a span current, for Micrometer observations too; resolved on first use
	 */
	TracedInterceptor(TracedMethods methods, Supplier<OpenTelemetry> openTelemetry, PipelineFlush pipelineFlush,
			Supplier<SpanScopes> spanScopes) {
		this.methods = methods;
		this.tracer = SingletonSupplier.of(() -> tracer(openTelemetry.get()));
		this.pipelineFlush = pipelineFlush;
		this.spanScopes = SingletonSupplier.of(spanScopes);
	}

	private static Tracer tracer(OpenTelemetry openTelemetry) {
		TracerBuilder builder = openTelemetry.tracerBuilder(INSTRUMENTATION_NAME);
		String version = TracedInterceptor.class.getPackage().getImplementationVersion();
		if (version != null) {
			builder.setInstrumentationVersion(version);
		}
		return builder.build();
	}

	// Spring 7 declares the result @Nullable as a type annotation, which javac 17 cannot read from the jar.
	@SuppressWarnings("NullAway")
	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		TracedMethod method = this.methods.get(invocation.getMethod(), (target != null) ? target.getClass() : null);
		if (method == null) {
			return invocation.proceed();
		}
		Context parent = Context.current();
		if (method.spanEnd() == TracedMethod.SpanEnd.SUBSCRIPTION) {
			return traceSubscriptions(invocation, method, parent);
		}
		Span span = start(method, parent, invocation.getArguments());
		Object result;
		try (Scope scope = makeCurrent(parent, span)) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			end(span, method, ex);
			throw ex;
		}
		if (method.spanEnd() == TracedMethod.SpanEnd.COMPLETION && result != null) {
			// The caller keeps the stage it was given; the span ends beside its other dependents.
			((CompletionStage<?>) result).whenComplete((value, failure) -> end(span, method, unwrap(failure)));
			return result;
		}
		end(span, method, null);
		return result;
	}

	// The method only assembles the publisher; the work, and so the span, belongs to each
	// subscription. A method that throws while assembling still gets a span for the failure.
	private @Nullable Object traceSubscriptions(MethodInvocation invocation, TracedMethod method, Context parent)
			throws Throwable {
		Object[] arguments = invocation.getArguments();
		Object publisher;
		try {
			publisher = invocation.proceed();
		}
		catch (Throwable ex) {
			end(start(method, parent, arguments), method, ex);
			throw ex;
		}
		return (publisher != null) ? ReactorSpans.trace(publisher, new Call(method, parent, arguments)) : null;
	}

	// The span inside the parent context (a subscribing thread may have another one current),
	// through SpanScopes, so that Micrometer observations started inside become its children.
	private Scope makeCurrent(Context parent, Span span) {
		return this.spanScopes.get().makeCurrent(parent, span);
	}

	private Span start(TracedMethod method, Context parent, @Nullable Object[] arguments) {
		SpanBuilder builder = this.tracer.get().spanBuilder(method.spanName()).setSpanKind(method.kind());
		if (method.inheritContext()) {
			builder.setParent(parent);
		}
		else {
			builder.setNoParent();
			SpanContext current = Span.fromContext(parent).getSpanContext();
			if (current.isValid()) {
				builder.addLink(current);
			}
		}
		Span span = builder.startSpan();
		if (span.isRecording()) {
			method.recordAttributes(span, arguments);
		}
		return span;
	}

	private void end(Span span, TracedMethod method, @Nullable Throwable failure) {
		if (failure != null && span.isRecording()) {
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR);
		}
		span.end();
		if (method.flush()) {
			this.pipelineFlush.flush();
		}
	}

	private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
		if ((failure instanceof CompletionException || failure instanceof ExecutionException)
				&& failure.getCause() != null) {
			return failure.getCause();
		}
		return failure;
	}

	/** One call of a method whose spans start later, once per subscription. */
	final class Call {

		private final TracedMethod method;

		private final Context parent;

		private final @Nullable Object[] arguments;

		Call(TracedMethod method, Context parent, @Nullable Object[] arguments) {
			this.method = method;
			this.parent = parent;
			this.arguments = arguments;
		}

		/** Starts a span, a child of what was current when the method was called. */
		Span start() {
			return TracedInterceptor.this.start(this.method, this.parent, this.arguments);
		}

		/** The context to make current while the span's work is set up. */
		Scope makeCurrent(Span span) {
			return TracedInterceptor.this.makeCurrent(this.parent, span);
		}

		void end(Span span, @Nullable Throwable failure) {
			TracedInterceptor.this.end(span, this.method, failure);
		}

	}

}
