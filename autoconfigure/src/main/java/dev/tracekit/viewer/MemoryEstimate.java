package dev.tracekit.viewer;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import org.jspecify.annotations.Nullable;

/**
 * What the kept spans take on the heap, estimated from their contents. The JVM cannot say what
 * an object graph retains without walking it, so the viewer adds up the sizes its objects have on
 * a 64-bit JVM with compressed references (the default below 32 GB of heap) and compact strings
 * (the default), rounded up where a size varies: the estimate errs high. Objects the tracer
 * provider shares between spans (the resource, the instrumentation scope, enum constants) are not
 * counted. {@code MemoryEstimateTests} holds the estimate against the sizes measured by walking
 * the real objects.
 */
final class MemoryEstimate {

	/**
	 * A trace's own bookkeeping in the store: its map entry, its object and its list of spans with
	 * room for ten.
	 */
	static final long TRACE_OVERHEAD = 176;

	/** Room for one small trace. */
	static final long SMALL_TRACE = 4096;

	// The store and its map, without the map's table.
	private static final long STORE = 128;

	// The kept span and its slot in its trace's list, grown by half at a time.
	private static final long SPAN = 112;

	// An attribute map with its table, sized for a dozen entries; each entry, its share of the
	// table beyond that, and its key object.
	private static final long ATTRIBUTES = 144;

	private static final long ATTRIBUTE = 72;

	private static final long EVENT = 32;

	// The link, its span context and its flags.
	private static final long LINK = 64;

	// An immutable list and its array, and each element's slot.
	private static final long LIST = 40;

	private static final long REFERENCE = 8;

	private static final long BOXED = 24;

	// A String object with its array's header.
	private static final long STRING = 40;

	private MemoryEstimate() {
	}

	/**
	 * The store itself: its map of traces, whose table is made once for {@code maxTraces} traces.
	 * @param maxTraces the most traces kept
	 * @return its size
	 */
	static long store(int maxTraces) {
		return STORE + 16 + 4L * mapCapacity(maxTraces);
	}

	/** The capacity a map keeping {@code maxTraces} traces never has to grow beyond. */
	static int mapCapacity(int maxTraces) {
		long needed = (long) Math.ceil(maxTraces / 0.75);
		int capacity = 1;
		while (capacity < needed && capacity < (1 << 30)) {
			capacity <<= 1;
		}
		return capacity;
	}

	/** The smallest {@code max-memory} that keeps the store and one small trace. */
	static long minimum(int maxTraces) {
		return store(maxTraces) + SMALL_TRACE;
	}

	static long span(KeptSpan span) {
		long bytes = SPAN + string(span.traceId()) + string(span.spanId()) + string(span.parentSpanId())
				+ string(span.name()) + string(span.statusDescription()) + attributes(span.attributes());
		if (!span.events().isEmpty()) {
			bytes += LIST + REFERENCE * span.events().size();
		}
		for (KeptSpan.Event event : span.events()) {
			bytes += EVENT + string(event.name()) + attributes(event.attributes());
		}
		if (!span.links().isEmpty()) {
			bytes += LIST + REFERENCE * span.links().size();
		}
		for (LinkData link : span.links()) {
			SpanContext context = link.getSpanContext();
			bytes += LINK + string(context.getTraceId()) + string(context.getSpanId())
					+ attributes(link.getAttributes());
		}
		return bytes;
	}

	static long attributes(Attributes attributes) {
		if (attributes.isEmpty()) {
			return 0;
		}
		long[] bytes = { ATTRIBUTES };
		attributes.forEach((key, value) -> bytes[0] += ATTRIBUTE + string(key.getKey()) + value(value));
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

	// A compact string takes a byte a character when all are Latin-1, otherwise two.
	static long string(@Nullable String text) {
		if (text == null) {
			return 0;
		}
		int bytesPerChar = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0xFF) {
				bytesPerChar = 2;
				break;
			}
		}
		return STRING + ((text.length() * (long) bytesPerChar + 7) & ~7L);
	}

}
