package dev.tracekit.export;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Several batch processors behind one pipeline, so that several exports can be under way at once
 * while each exporter instance is still called by one processor's thread only, one export at a
 * time, as the SDK's {@code SpanExporter} contract asks. Ended spans are dealt to the processors in
 * turn, passing over a processor whose queue may be full (its export is slow, say) while another has
 * room, so that a span is only dropped when every queue is full; flushing and shutting down cover
 * them all, and complete when all have.
 */
final class ConcurrentExports implements SpanProcessor {

	private final List<SpanProcessor> processors;

	private final List<Lane> lanes;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * @param processors the processors
	 * @param lanes each processor's lane, in the same order, its exporter wrapped by
	 * {@link Lane#counting}
	 */
	ConcurrentExports(List<SpanProcessor> processors, List<Lane> lanes) {
		if (processors.size() != lanes.size()) {
			throw new IllegalArgumentException("one lane per processor");
		}
		this.processors = List.copyOf(processors);
		this.lanes = List.copyOf(lanes);
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		for (SpanProcessor processor : this.processors) {
			processor.onStart(parentContext, span);
		}
	}

	@Override
	public boolean isStartRequired() {
		return this.processors.stream().anyMatch(SpanProcessor::isStartRequired);
	}

	@Override
	public void onEnd(ReadableSpan span) {
		int count = this.processors.size();
		int turn = Math.floorMod(this.next.getAndIncrement(), count);
		for (int i = 0; i < count; i++) {
			int candidate = (turn + i) % count;
			if (this.lanes.get(candidate).take()) {
				this.processors.get(candidate).onEnd(span);
				return;
			}
		}
		// Every queue may be full: the processor whose turn it is drops the span and counts it.
		this.processors.get(turn).onEnd(span);
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	// Each processor's flush is requested as the pipeline's own is (see ReliableFlush): a result
	// combined from several would hide one processor's stale answer behind another's pending one.
	@Override
	public CompletableResultCode forceFlush() {
		return CompletableResultCode
			.ofAll(this.processors.stream().map((processor) -> ReliableFlush.request(processor::forceFlush)).toList());
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofAll(this.processors.stream().map(SpanProcessor::shutdown).toList());
	}

	@Override
	public String toString() {
		return "ConcurrentExports{" + this.processors + "}";
	}

	/**
	 * One processor's share of the spans: how many it was given that its exporter has not yet been
	 * handed, an upper bound on what its queue holds (spans being gathered into a batch count too).
	 * A span given while the queue was in fact full is dropped by the processor and never handed on,
	 * and a span given uncounted (every queue full) may be handed on: each error errs toward the
	 * other, so the count does not drift far from the queue.
	 */
	static final class Lane {

		private final int capacity;

		private final AtomicLong given = new AtomicLong();

		private final AtomicLong handed = new AtomicLong();

		/** @param capacity the processor's queue size */
		Lane(int capacity) {
			this.capacity = capacity;
		}

		/** Whether the processor's queue has room for one more span. */
		boolean hasRoom() {
			return this.given.get() - this.handed.get() < this.capacity;
		}

		/** Counts one span given to the processor, if its queue has room for it. */
		boolean take() {
			if (!hasRoom()) {
				return false;
			}
			this.given.incrementAndGet();
			return true;
		}

		/** The processor's exporter, counting the spans handed to it. */
		SpanExporter counting(SpanExporter exporter) {
			return new ForwardingSpanExporter(exporter) {

				@Override
				public CompletableResultCode export(Collection<SpanData> spans) {
					Lane.this.handed.addAndGet(spans.size());
					return this.delegate.export(spans);
				}

			};
		}

	}

}
