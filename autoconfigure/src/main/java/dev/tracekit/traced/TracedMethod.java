package dev.tracekit.traced;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

/**
 * What a traced method needs on every call, worked out once from its annotations.
 */
final class TracedMethod {

	private final String spanName;

	private final SpanKind kind;

	private final Attributes attributes;

	private final ArgumentAttribute[] arguments;

	private final boolean inheritContext;

	private final boolean flush;

	private final SpanEnd spanEnd;

	TracedMethod(String spanName, SpanKind kind, Attributes attributes, List<ArgumentAttribute> arguments,
			boolean inheritContext, boolean flush, SpanEnd spanEnd) {
		this.spanName = spanName;
		this.kind = kind;
		this.attributes = attributes;
		this.arguments = arguments.toArray(ArgumentAttribute[]::new);
		this.inheritContext = inheritContext;
		this.flush = flush;
		this.spanEnd = spanEnd;
	}

	String spanName() {
		return this.spanName;
	}

	SpanKind kind() {
		return this.kind;
	}

	boolean inheritContext() {
		return this.inheritContext;
	}

	boolean flush() {
		return this.flush;
	}

	SpanEnd spanEnd() {
		return this.spanEnd;
	}

	/** Adds the constant and argument attributes; callers skip it for spans that don't record. */
	void recordAttributes(Span span, @Nullable Object[] arguments) {
		if (!this.attributes.isEmpty()) {
			span.setAllAttributes(this.attributes);
		}
		for (ArgumentAttribute argument : this.arguments) {
			argument.record(span, arguments[argument.index()]);
		}
	}

	@Override
	public String toString() {
		return "TracedMethod[" + this.spanName + ", " + this.kind + ", " + this.spanEnd + "]";
	}

	/** When the span of a call ends, decided by the method's declared return type. */
	enum SpanEnd {

		/** When the method returns or throws. */
		RETURN,

		/** When the returned {@code CompletionStage} completes. */
		COMPLETION,

		/** One span per subscription to the returned {@code Mono} or {@code Flux}. */
		SUBSCRIPTION

	}

}
