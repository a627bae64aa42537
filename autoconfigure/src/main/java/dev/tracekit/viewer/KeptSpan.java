package dev.tracekit.viewer;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * One ended span as the viewer keeps it: what the page shows, copied out of the SDK's span data.
 * Keeping the {@link SpanData} itself would keep the SDK's span behind it and, for a recorded
 * exception, the exception with everything it references; the copy holds only immutable values
 * and the resource and scope the tracer provider shares anyway.
 */
final class KeptSpan {

	private final String traceId;

	private final String spanId;

	private final @Nullable String parentSpanId;

	private final boolean remoteParent;

	private final String name;

	private final SpanKind kind;

	private final StatusCode status;

	private final String statusDescription;

	private final long startEpochNanos;

	private final long endEpochNanos;

	private final Attributes attributes;

	private final int droppedAttributes;

	private final List<Event> events;

	private final int droppedEvents;

	private final List<LinkData> links;

	private final int droppedLinks;

	private final Resource resource;

	private final InstrumentationScopeInfo scope;

	private final long estimatedBytes;

	KeptSpan(SpanData span) {
		SpanContext parent = span.getParentSpanContext();
		this.traceId = span.getTraceId();
		this.spanId = span.getSpanId();
		this.parentSpanId = parent.isValid() ? parent.getSpanId() : null;
		this.remoteParent = parent.isValid() && parent.isRemote();
		this.name = span.getName();
		this.kind = span.getKind();
		this.status = span.getStatus().getStatusCode();
		this.statusDescription = span.getStatus().getDescription();
		this.startEpochNanos = span.getStartEpochNanos();
		this.endEpochNanos = span.getEndEpochNanos();
		this.attributes = span.getAttributes();
		this.droppedAttributes = Math.max(0, span.getTotalAttributeCount() - this.attributes.size());
		List<Event> events = new ArrayList<>(span.getEvents().size());
		for (EventData event : span.getEvents()) {
			events.add(new Event(event.getName(), event.getEpochNanos(), event.getAttributes(),
					Math.max(0, event.getTotalAttributeCount() - event.getAttributes().size())));
		}
		this.events = List.copyOf(events);
		this.droppedEvents = Math.max(0, span.getTotalRecordedEvents() - events.size());
		this.links = List.copyOf(span.getLinks());
		this.droppedLinks = Math.max(0, span.getTotalRecordedLinks() - this.links.size());
		this.resource = span.getResource();
		this.scope = span.getInstrumentationScopeInfo();
		this.estimatedBytes = MemoryEstimate.span(this);
	}

	String traceId() {
		return this.traceId;
	}

	String spanId() {
		return this.spanId;
	}

	/** The parent's span id, or {@code null} for a span that started a trace. */
	@Nullable String parentSpanId() {
		return this.parentSpanId;
	}

	/** Whether the parent is in another process (its context came in with a request). */
	boolean remoteParent() {
		return this.remoteParent;
	}

	String name() {
		return this.name;
	}

	SpanKind kind() {
		return this.kind;
	}

	StatusCode status() {
		return this.status;
	}

	String statusDescription() {
		return this.statusDescription;
	}

	long startEpochNanos() {
		return this.startEpochNanos;
	}

	long endEpochNanos() {
		return this.endEpochNanos;
	}

	Attributes attributes() {
		return this.attributes;
	}

	int droppedAttributes() {
		return this.droppedAttributes;
	}

	List<Event> events() {
		return this.events;
	}

	int droppedEvents() {
		return this.droppedEvents;
	}

	List<LinkData> links() {
		return this.links;
	}

	int droppedLinks() {
		return this.droppedLinks;
	}

	Resource resource() {
		return this.resource;
	}

	InstrumentationScopeInfo scope() {
		return this.scope;
	}

	long estimatedBytes() {
		return this.estimatedBytes;
	}

	/**
	 * An event of the span, such as a recorded exception (as its attributes: type, message, stack
	 * trace), without the exception object.
	 */
	record Event(String name, long epochNanos, Attributes attributes, int droppedAttributes) {
	}

}
