package dev.tracekit.traced;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What a traced method needs on every call, worked out once from its annotations.
 */
final class TracedMethod {

	private static final Log logger = LogFactory.getLog(TracedMethod.class);

	private final String description;

	private final String spanName;

	private final SpanKind kind;

	private final Attributes attributes;

	private final ArgumentAttribute[] arguments;

	private final boolean inheritContext;

	private final boolean flush;

	private final SpanEnd spanEnd;

	// One WARN per method for arguments that cannot be read: a broken toString() fails every call.
	private final AtomicBoolean unreadableArgumentLogged = new AtomicBoolean();

	TracedMethod(String description, String spanName, SpanKind kind, Attributes attributes,
			List<ArgumentAttribute> arguments, boolean inheritContext, boolean flush, SpanEnd spanEnd) {
		this.description = description;
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

	/**
	 * Adds the constant and argument attributes; callers skip it for spans that don't record. An
	 * argument that cannot be read (its {@code toString()} throws, or recurses without end) is left
	 * off the span: tracing must never stop the call it traces.
	 */
	void recordAttributes(Span span, @Nullable Object[] arguments) {
		if (!this.attributes.isEmpty()) {
			span.setAllAttributes(this.attributes);
		}
		for (ArgumentAttribute argument : this.arguments) {
			try {
				argument.record(span, arguments[argument.index()]);
			}
			catch (RuntimeException | StackOverflowError ex) {
				unreadableArgument(argument, ex);
			}
		}
	}

	private void unreadableArgument(ArgumentAttribute argument, Throwable failure) {
		if (this.unreadableArgumentLogged.compareAndSet(false, true)) {
			String message = "tracekit: @SpanAttribute '" + argument.name() + "' of " + this.description
					+ " could not be read and is left off its spans; the method runs as usual. Later failures of"
					+ " this method's arguments are not logged again.";
			if (failure instanceof StackOverflowError) {
				// A thousand frames of the same toString() say less than this.
				logger.warn(message + " Its toString() recursed without end (StackOverflowError).");
			}
			else {
				logger.warn(message, failure);
			}
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
