package dev.tracekit.viewer;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import org.jspecify.annotations.Nullable;

/**
 * What the kept spans take on the heap, estimated from their contents. The JVM cannot say what
 * one object graph retains without walking it, so the viewer adds up object sizes of a 64-bit JVM
 * with compressed references (the default below 32 GB of heap), rounded up, and counts every
 * string at two bytes a character: the estimate errs high. {@code MemoryEstimateTests} holds it
 * against sizes measured by walking the real objects.
 */
final class MemoryEstimate {

	/** A trace's own bookkeeping in the store: its entry, its object and its list of spans. */
	static final long TRACE_OVERHEAD = 160;

	/** The smallest limit worth having: one trace of one plain span. */
	static final long MIN_TRACE_BYTES = 4096;

	// A kept span's fields, its slot in its trace's list (grown by half at a time) and its lists.
	private static final long SPAN = 176;

	private static final long EVENT = 40;

	private static final long LINK = 112;

	private static final long ATTRIBUTES = 32;

	private static final long ATTRIBUTE_KEY = 40;

	private static final long BOXED = 24;

	private static final long LIST = 32;

	private static final long REFERENCE = 8;

	private MemoryEstimate() {
	}

	static long span(KeptSpan span) {
		long bytes = SPAN + string(span.traceId()) + string(span.spanId()) + string(span.parentSpanId())
				+ string(span.name()) + string(span.statusDescription()) + attributes(span.attributes());
		for (KeptSpan.Event event : span.events()) {
			bytes += EVENT + REFERENCE + string(event.name()) + attributes(event.attributes());
		}
		for (LinkData link : span.links()) {
			SpanContext context = link.getSpanContext();
			bytes += LINK + REFERENCE + string(context.getTraceId()) + string(context.getSpanId())
					+ attributes(link.getAttributes());
		}
		return bytes;
	}

	static long attributes(Attributes attributes) {
		if (attributes.isEmpty()) {
			return 0;
		}
		long[] bytes = { ATTRIBUTES + 2 * REFERENCE * attributes.size() };
		attributes.forEach((key, value) -> bytes[0] += ATTRIBUTE_KEY + string(key.getKey()) + value(value));
		return bytes[0];
	}

	private static long value(Object value) {
		if (value instanceof String text) {
			return string(text);
		}
		if (value instanceof List<?> list) {
			long bytes = LIST + REFERENCE * list.size();
			for (Object element : list) {
				bytes += value(element);
			}
			return bytes;
		}
		if (value instanceof Boolean || value instanceof Number) {
			return BOXED;
		}
		// Attribute types added after this was written: count what they print as.
		return BOXED + string(String.valueOf(value));
	}

	// The String object, its array's header and two bytes a character, padded.
	static long string(@Nullable String text) {
		return (text != null) ? 48 + 2L * text.length() : 0;
	}

}
