package dev.tracekit.viewer;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One trace, whole: its summary, the resources its spans came from and every kept span. Times are
 * in milliseconds from the trace's start.
 * @param summary as in the list
 * @param spansNotKept spans of this trace not kept because it outgrew {@code max-memory}
 * @param resources the resources' attributes; each span names its own by index
 * @param spans the spans, by start time
 */
public record TraceDetail(TraceSummary summary, int spansNotKept, List<Map<String, Object>> resources,
		List<Span> spans) {

	/**
	 * One span.
	 * @param spanId its id
	 * @param parentSpanId its parent's id, {@code null} for a span that started the trace
	 * @param remoteParent whether the parent is in another process
	 * @param name its name
	 * @param kind {@code SERVER}, {@code CLIENT}, {@code INTERNAL}, {@code PRODUCER} or {@code CONSUMER}
	 * @param status {@code UNSET}, {@code OK} or {@code ERROR}
	 * @param statusDescription why, for an error; may be empty
	 * @param startOffsetMillis its start, from the trace's start
	 * @param durationMillis how long it took
	 * @param scope the instrumentation scope that made it (name, and version if any)
	 * @param resource the index of its resource in {@link TraceDetail#resources()}
	 * @param attributes its attributes, by key
	 * @param events its events (a recorded exception is one)
	 * @param links its links to other spans
	 * @param droppedAttributes attributes the span limits dropped
	 * @param droppedEvents events the span limits dropped
	 * @param droppedLinks links the span limits dropped
	 */
	public record Span(String spanId, @Nullable String parentSpanId, boolean remoteParent, String name, String kind,
			String status, String statusDescription, double startOffsetMillis, double durationMillis, String scope,
			int resource, Map<String, Object> attributes, List<Event> events, List<Link> links, int droppedAttributes,
			int droppedEvents, int droppedLinks) {
	}

	/**
	 * One event of a span.
	 * @param name its name
	 * @param offsetMillis when it happened, from the trace's start
	 * @param attributes its attributes, by key
	 * @param droppedAttributes attributes the span limits dropped
	 */
	public record Event(String name, double offsetMillis, Map<String, Object> attributes, int droppedAttributes) {
	}

	/**
	 * A link from a span to another span.
	 * @param traceId the other span's trace id
	 * @param spanId the other span's id
	 * @param attributes the link's attributes, by key
	 */
	public record Link(String traceId, String spanId, Map<String, Object> attributes) {
	}

}
