package dev.tracekit.viewer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.LinkData;
import org.jspecify.annotations.Nullable;

/** The kept spans of one trace, in the order they ended. Guarded by the {@link TraceStore}. */
final class KeptTrace {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	// Milliseconds always written, so that the text sorts as the time does.
	private static final DateTimeFormatter START_FORMAT = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final List<KeptSpan> spans = new ArrayList<>();

	private long bytes = MemoryEstimate.TRACE_OVERHEAD;

	private int spansNotKept;

	private long startEpochNanos = Long.MAX_VALUE;

	void add(KeptSpan span) {
		this.spans.add(span);
		this.bytes += span.estimatedBytes();
		this.startEpochNanos = Math.min(this.startEpochNanos, span.startEpochNanos());
	}

	void spanNotKept() {
		this.spansNotKept++;
	}

	long bytes() {
		return this.bytes;
	}

	/** When its earliest kept span started. */
	long startEpochNanos() {
		return this.startEpochNanos;
	}

	boolean hasSpanNamed(String lowerCasePart) {
		for (KeptSpan span : this.spans) {
			if (span.name().toLowerCase(Locale.ROOT).contains(lowerCasePart)) {
				return true;
			}
		}
		return false;
	}

	TraceSummary summary() {
		long end = Long.MIN_VALUE;
		boolean error = false;
		for (KeptSpan span : this.spans) {
			end = Math.max(end, span.endEpochNanos());
			error |= span.status() == StatusCode.ERROR;
		}
		KeptSpan root = root();
		boolean partial = rootRank(root) > 0 || this.spansNotKept > 0;
		String service = root.resource().getAttribute(SERVICE_NAME);
		return new TraceSummary(root.traceId(), root.name(), (service != null) ? service : "",
				START_FORMAT.format(Instant.ofEpochSecond(0, this.startEpochNanos)),
				millis(end - this.startEpochNanos), this.spans.size(), error, partial);
	}

	TraceDetail detail() {
		TraceSummary summary = summary();
		long start = this.startEpochNanos;
		List<Resource> resources = new ArrayList<>();
		List<TraceDetail.Span> spans = new ArrayList<>(this.spans.size());
		this.spans.stream().sorted(Comparator.comparingLong(KeptSpan::startEpochNanos)).forEach((span) -> {
			int resource = resources.indexOf(span.resource());
			if (resource < 0) {
				resource = resources.size();
				resources.add(span.resource());
			}
			spans.add(detail(span, start, resource));
		});
		return new TraceDetail(summary, this.spansNotKept,
				resources.stream().map((resource) -> map(resource.getAttributes())).toList(), spans);
	}

	private static TraceDetail.Span detail(KeptSpan span, long traceStart, int resource) {
		List<TraceDetail.Event> events = span.events()
			.stream()
			.map((event) -> new TraceDetail.Event(event.name(), millis(event.epochNanos() - traceStart),
					map(event.attributes()), event.droppedAttributes()))
			.toList();
		List<TraceDetail.Link> links = new ArrayList<>();
		for (LinkData link : span.links()) {
			links.add(new TraceDetail.Link(link.getSpanContext().getTraceId(), link.getSpanContext().getSpanId(),
					map(link.getAttributes())));
		}
		return new TraceDetail.Span(span.spanId(), span.parentSpanId(), span.remoteParent(), span.name(),
				span.kind().name(), span.status().name(), span.statusDescription(),
				millis(span.startEpochNanos() - traceStart), millis(span.endEpochNanos() - span.startEpochNanos()),
				scope(span.scope()), resource, map(span.attributes()), events, links, span.droppedAttributes(),
				span.droppedEvents(), span.droppedLinks());
	}

	// The span that started the trace here; failing that (it has not ended, or was let go), the
	// earliest span whose parent is not kept.
	private KeptSpan root() {
		Set<String> ids = new HashSet<>();
		for (KeptSpan span : this.spans) {
			ids.add(span.spanId());
		}
		@Nullable KeptSpan root = null;
		for (KeptSpan span : this.spans) {
			boolean orphan = span.parentSpanId() == null || !ids.contains(span.parentSpanId());
			if (orphan && (root == null || rootRank(span) < rootRank(root)
					|| rootRank(span) == rootRank(root) && span.startEpochNanos() < root.startEpochNanos())) {
				root = span;
			}
		}
		return (root != null) ? root : this.spans.get(0);
	}

	private static int rootRank(KeptSpan span) {
		return (span.parentSpanId() == null || span.remoteParent()) ? 0 : 1;
	}

	private static String scope(InstrumentationScopeInfo scope) {
		return (scope.getVersion() != null) ? scope.getName() + " " + scope.getVersion() : scope.getName();
	}

	private static Map<String, Object> map(Attributes attributes) {
		Map<String, Object> map = new TreeMap<>();
		attributes.forEach((key, value) -> map.put(key.getKey(), jsonValue(value)));
		return map;
	}

	// Strings, booleans, numbers and lists of them as they are; attribute types added after this
	// was written as they print.
	private static Object jsonValue(Object value) {
		return (value instanceof String || value instanceof Boolean || value instanceof Number
				|| value instanceof List) ? value : String.valueOf(value);
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
