package dev.tracekit.viewer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * The kept traces, bounded by count and by estimated memory, as the exporter of the viewer's
 * batch processor: spans arrive on the processor's worker thread, never on the thread that ended
 * them, and the lock here is shared only with readers of the endpoint.
 *
 * <p>
 * A trace enters when its first span arrives; when a new span needs room, the traces that entered
 * first are let go first. A span never displaces its own trace: a trace that alone would exceed
 * the memory limit keeps the spans it has and counts the ones it could not keep.
 */
final class TraceStore implements SpanExporter {

	private final int maxTraces;

	private final long maxBytes;

	// In arrival order: the first entry is the oldest trace. Made large enough never to grow, so
	// that its size is known from the start.
	private final LinkedHashMap<String, KeptTrace> traces;

	private long bytes;

	private long evictedTraces;

	private long spansNotKept;

	TraceStore(int maxTraces, long maxBytes) {
		this.maxTraces = maxTraces;
		this.maxBytes = maxBytes;
		this.traces = new LinkedHashMap<>(MemoryEstimate.mapCapacity(maxTraces));
		this.bytes = MemoryEstimate.store(maxTraces);
	}

	@Override
	public synchronized CompletableResultCode export(Collection<SpanData> spans) {
		for (SpanData span : spans) {
			keep(new KeptSpan(span));
		}
		return CompletableResultCode.ofSuccess();
	}

	private void keep(KeptSpan span) {
		@Nullable KeptTrace trace = this.traces.get(span.traceId());
		long traceBytes = (trace != null) ? trace.bytes() : MemoryEstimate.TRACE_OVERHEAD;
		if (MemoryEstimate.store(this.maxTraces) + traceBytes + span.estimatedBytes() > this.maxBytes) {
			if (trace != null) {
				trace.spanNotKept();
			}
			this.spansNotKept++;
			return;
		}
		long needed = span.estimatedBytes() + ((trace != null) ? 0 : MemoryEstimate.TRACE_OVERHEAD);
		Iterator<KeptTrace> oldestFirst = this.traces.values().iterator();
		while (oldestFirst.hasNext() && (this.bytes + needed > this.maxBytes
				|| trace == null && this.traces.size() >= this.maxTraces)) {
			KeptTrace oldest = oldestFirst.next();
			if (oldest != trace) {
				oldestFirst.remove();
				this.bytes -= oldest.bytes();
				this.evictedTraces++;
			}
		}
		if (trace == null) {
			trace = new KeptTrace();
			this.traces.put(span.traceId(), trace);
		}
		trace.add(span);
		this.bytes += needed;
	}

	/** The kept traces that match, newest first. */
	synchronized List<TraceSummary> summaries(TraceQuery query) {
		List<KeptTrace> newestFirst = new ArrayList<>(this.traces.values());
		newestFirst.sort(Comparator.comparingLong(KeptTrace::startEpochNanos).reversed());
		List<TraceSummary> summaries = new ArrayList<>();
		for (KeptTrace trace : newestFirst) {
			TraceSummary summary = trace.summary();
			if (query.matches(trace, summary)) {
				summaries.add(summary);
			}
		}
		return summaries;
	}

	synchronized @Nullable TraceDetail detail(String traceId) {
		KeptTrace trace = this.traces.get(traceId);
		return (trace != null) ? trace.detail() : null;
	}

	synchronized Usage usage() {
		return new Usage(this.traces.size(), this.bytes, this.evictedTraces, this.spansNotKept);
	}

	/** Nothing to flush or release: the spans stay readable after the pipeline shuts down. */
	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "TraceStore";
	}

	record Usage(int traces, long bytes, long evictedTraces, long spansNotKept) {
	}

}
