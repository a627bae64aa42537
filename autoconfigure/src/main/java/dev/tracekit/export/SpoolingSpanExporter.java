package dev.tracekit.export;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.tracekit.spool.SpanSpool;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Puts an exporter's spool in its pipeline. Between the processor and the (counted) exporter, it
 * hands the spans of a failed export to the spool, and while the exporter is failing hands batches
 * straight to it. Before the processor, {@link #divert} sends a span to the spool instead of the
 * batch queue while the exporter is failing or when the queue would be full. The spool only takes
 * spans into memory here; its own thread writes them, so no caller waits for the disk.
 */
final class SpoolingSpanExporter extends ForwardingSpanExporter {

	private final Gate gate;

	/**
	 * @param delegate the counted exporter
	 * @param gate the spool's gate, shared by every processor of the pipeline
	 */
	SpoolingSpanExporter(SpanExporter delegate, Gate gate) {
		super(delegate);
		this.gate = gate;
	}

	SpanSpool spool() {
		return this.gate.spool;
	}

	/**
	 * Whether the span went to the spool rather than to the processor: while the exporter is failing,
	 * or when the batch queues may be full (spans given to them and not yet handed to an exporter
	 * reach their capacity, an upper bound on what they hold).
	 */
	boolean divert(ReadableSpan span) {
		return this.gate.divert(span);
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> batch) {
		this.gate.handedToExporter.addAndGet(batch.size());
		// The batch processor clears its batch once it stops waiting, which may be before a failure.
		List<SpanData> spans = List.copyOf(batch);
		if (this.gate.spool.outage() && this.gate.spool.offer(spans, false)) {
			return CompletableResultCode.ofSuccess();
		}
		CompletableResultCode result = this.delegate.export(spans);
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.gate.spool.exportSucceeded();
			}
			else {
				this.gate.spool.exportFailed();
				this.gate.spool.offer(spans, true);
			}
		});
		return result;
	}

	/** Writes what the spool holds in memory and stops it; called once the processor has shut down. */
	void closeSpool(Duration timeout) {
		this.gate.spool.close(timeout);
	}

	/**
	 * What the processors of one pipeline share before their queues: the spool, and the count of spans
	 * given to the queues and not yet handed to an exporter.
	 */
	static final class Gate {

		private final SpanSpool spool;

		private final int queueCapacity;

		private final AtomicLong queued = new AtomicLong();

		private final AtomicLong handedToExporter = new AtomicLong();

		/**
		 * @param spool the spool
		 * @param queueCapacity the batch queues' size together, or 0 without queues
		 */
		Gate(SpanSpool spool, int queueCapacity) {
			this.spool = spool;
			this.queueCapacity = queueCapacity;
		}

		boolean divert(ReadableSpan span) {
			if (!this.spool.accepting()) {
				return false;
			}
			boolean queueMayBeFull = this.queueCapacity > 0
					&& this.queued.get() - this.handedToExporter.get() >= this.queueCapacity;
			if ((this.spool.outage() || queueMayBeFull) && this.spool.hasRoom(1)
					&& this.spool.offer(List.of(span.toSpanData()), false)) {
				return true;
			}
			this.queued.incrementAndGet();
			return false;
		}

	}

}
