package dev.tracekit.export;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Several batch processors behind one pipeline, so that several exports can be under way at once
 * while each exporter instance is still called by one processor's thread only, one export at a
 * time, as the SDK's {@code SpanExporter} contract asks. Ended spans are dealt to the processors in
 * turn; flushing and shutting down cover them all, and complete when all have.
 */
final class ConcurrentExports implements SpanProcessor {

	private final List<SpanProcessor> processors;

	private final AtomicInteger next = new AtomicInteger();

	ConcurrentExports(List<SpanProcessor> processors) {
		this.processors = List.copyOf(processors);
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
		int turn = Math.floorMod(this.next.getAndIncrement(), this.processors.size());
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

}
