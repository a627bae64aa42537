package dev.tracekit.test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a set of captured spans as traces: which spans there are, and how they hang
 * together. Obtained from {@link TraceAssertions#assertThat(CapturedSpans)}.
 */
public final class CapturedSpansAssert extends AbstractAssert<CapturedSpansAssert, List<SpanData>> {

	CapturedSpansAssert(List<SpanData> spans) {
		super(List.copyOf(spans), CapturedSpansAssert.class);
	}

	/**
	 * The one span of this name, for assertions on it.
	 * @param name the span's name
	 * @return assertions on that span
	 */
	public SpanAssert span(String name) {
		isNotNull();
		List<SpanData> named = this.actual.stream().filter((span) -> span.getName().equals(name)).toList();
		if (named.size() != 1) {
			failWithMessage("Expected exactly one span named '%s', but found %d; %s", name, named.size(),
					TraceAssertions.describe(this.actual));
		}
		return new SpanAssert(named.get(0), this.actual);
	}

	/** Verifies that a span of this name was captured. */
	public CapturedSpansAssert hasSpanNamed(String name) {
		isNotNull();
		if (this.actual.stream().noneMatch((span) -> span.getName().equals(name))) {
			failWithMessage("Expected a span named '%s', but %s", name, TraceAssertions.describe(this.actual));
		}
		return this;
	}

	/** Verifies that no span of this name was captured. */
	public CapturedSpansAssert hasNoSpanNamed(String name) {
		isNotNull();
		if (this.actual.stream().anyMatch((span) -> span.getName().equals(name))) {
			failWithMessage("Expected no span named '%s', but %s", name, TraceAssertions.describe(this.actual));
		}
		return this;
	}

	/** Verifies how many spans were captured. */
	public CapturedSpansAssert hasSpanCount(int count) {
		isNotNull();
		if (this.actual.size() != count) {
			failWithMessage("Expected %d span%s, but %s", count, (count == 1) ? "" : "s",
					TraceAssertions.describe(this.actual));
		}
		return this;
	}

	/** Verifies that no span was captured. */
	public CapturedSpansAssert hasNoSpans() {
		return hasSpanCount(0);
	}

	/** Verifies that the spans, at least one, all belong to one trace. */
	public CapturedSpansAssert allInOneTrace() {
		isNotNull();
		Set<String> traces = this.actual.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
		if (traces.size() != 1) {
			failWithMessage("Expected all spans in one trace, but %s", TraceAssertions.describe(this.actual));
		}
		return this;
	}

	/**
	 * Verifies that every span with a parent has its parent among the captured spans: nothing was
	 * lost from the middle of a trace, and no span continues a trace the test did not start. A
	 * span continuing a trace from outside the application (an incoming {@code traceparent}) is
	 * an orphan here too: assert on it with {@link SpanAssert#hasParentSpanId(String)} instead.
	 */
	public CapturedSpansAssert hasNoOrphans() {
		isNotNull();
		List<SpanData> orphans = this.actual.stream()
			.filter((span) -> span.getParentSpanContext().isValid() && TraceAssertions.parentIn(span, this.actual) == null)
			.toList();
		if (!orphans.isEmpty()) {
			failWithMessage("Expected no orphan spans, but %s %s a parent that was not captured; %s",
					orphans.stream().map(TraceAssertions::label).collect(Collectors.joining(", ")),
					(orphans.size() == 1) ? "has" : "have", TraceAssertions.describe(this.actual));
		}
		return this;
	}

}
