package dev.tracekit.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the assertions on traces, in AssertJ's style:
 *
 * <pre class="code">
 * import static dev.tracekit.test.TraceAssertions.assertThat;
 *
 * assertThat(capturedSpans).allInOneTrace().hasNoOrphans()
 *     .span("OrderService.checkout").hasParent("POST /orders").hasKind(SpanKind.INTERNAL);
 * </pre>
 *
 * A failed assertion names the spans by name and says how they hang together, so the message
 * alone tells what the trace looked like.
 */
public final class TraceAssertions {

	private TraceAssertions() {
	}

	/** Assertions on the spans captured so far. */
	public static CapturedSpansAssert assertThat(CapturedSpans spans) {
		return new CapturedSpansAssert(spans.all());
	}

	/**
	 * Assertions on these spans, such as an exporter's. Not an {@code assertThat} overload, so that
	 * AssertJ's own {@code assertThat(List)} stays usable beside a static import of this class.
	 */
	public static CapturedSpansAssert assertThatSpans(List<SpanData> spans) {
		return new CapturedSpansAssert(spans);
	}

	/** The spans as a person reads them: each trace, its spans by name, children under parents. */
	static String describe(List<SpanData> spans) {
		if (spans.isEmpty()) {
			return "no span was captured";
		}
		Map<String, List<SpanData>> traces = spans.stream()
			.collect(Collectors.groupingBy(SpanData::getTraceId, LinkedHashMap::new, Collectors.toList()));
		StringBuilder text = new StringBuilder(spans.size() + " span" + ((spans.size() == 1) ? "" : "s")
				+ " in " + traces.size() + " trace" + ((traces.size() == 1) ? "" : "s")
				+ ((spans.size() == 1) ? " was" : " were") + " captured:");
		traces.forEach((traceId, trace) -> {
			text.append("\n  trace ").append(traceId);
			trace.stream().filter((span) -> parentIn(span, trace) == null).forEach((root) -> tree(text, root, trace, 2));
		});
		return text.toString();
	}

	private static void tree(StringBuilder text, SpanData span, List<SpanData> trace, int depth) {
		text.append('\n').append("  ".repeat(depth)).append("- ").append(label(span));
		if (span.getParentSpanContext().isValid() && parentIn(span, trace) == null) {
			text.append(" (parent ").append(span.getParentSpanId()).append(" not captured)");
		}
		trace.stream()
			.filter((child) -> span.getSpanId().equals(child.getParentSpanId()))
			.forEach((child) -> tree(text, child, trace, depth + 1));
	}

	static String label(SpanData span) {
		StatusCode status = span.getStatus().getStatusCode();
		return "'" + span.getName() + "' " + span.getKind() + ((status == StatusCode.UNSET) ? "" : " " + status);
	}

	static @Nullable SpanData parentIn(SpanData span, List<SpanData> spans) {
		if (!span.getParentSpanContext().isValid()) {
			return null;
		}
		return spans.stream().filter((other) -> other.getSpanId().equals(span.getParentSpanId())).findFirst().orElse(null);
	}

}
