package dev.tracekit.export;

import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.tracekit.spool.SpoolStatistics;
import org.jspecify.annotations.Nullable;

/**
 * Live counters of one export pipeline. A span handed to the pipeline is, at any moment, exported,
 * failed, queued, in an export under way, or dropped because the queue was full; once the pipeline
 * is shut down nothing is queued or under way, so {@link #undelivered()} is exactly what was lost.
 */
public final class ExportStatistics {

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong exported = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicLong endedAfterShutdown = new AtomicLong();

	private final AtomicLong consecutiveFailedExports = new AtomicLong();

	private final AtomicReference<@Nullable Failure> lastFailure = new AtomicReference<>();

	// One per batch processor of the pipeline (several with concurrent exports); none without a queue.
	private final List<BatchQueueTelemetry> queues;

	private final @Nullable SpoolStatistics spool;

	ExportStatistics(List<BatchQueueTelemetry> queues) {
		this(queues, null);
	}

	ExportStatistics(List<BatchQueueTelemetry> queues, @Nullable SpoolStatistics spool) {
		this.queues = queues;
		this.spool = spool;
	}

	/**
	 * The counters of the exporter's spool, or null without one. With a spool, {@link #failed()}
	 * counts failed attempts: the spans of a failed export are spooled and sent again, and are lost
	 * only as the spool counts them (expired, corrupt, refused).
	 */
	public @Nullable SpoolStatistics spool() {
		return this.spool;
	}

	/** Spans the pipeline accepted for export (sampled spans, plus unsampled ones where configured). */
	public long accepted() {
		return this.accepted.get();
	}

	/** Spans the exporter reported as delivered. */
	public long exported() {
		return this.exported.get();
	}

	/** Spans in exports that failed (after the exporter's own retries). */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Spans the collector refused although it accepted their export: it answered with an OTLP
	 * partial success naming them rejected. They were not delivered.
	 */
	public long rejected() {
		return this.rejected.get();
	}

	/** Spans dropped by the batch processor because its queue was full; 0 for a simple processor. */
	public long droppedQueueFull() {
		return sum(BatchQueueTelemetry::droppedQueueFull);
	}

	/** Spans waiting in the batch processor's queue now; 0 for a simple processor. */
	public long queueSize() {
		return sum(BatchQueueTelemetry::queueSize);
	}

	/** The most spans the batch processor's queue holds; 0 for a simple processor. */
	public long queueCapacity() {
		return sum(BatchQueueTelemetry::queueCapacity);
	}

	private long sum(ToLongFunction<BatchQueueTelemetry> figure) {
		long total = 0;
		for (BatchQueueTelemetry queue : this.queues) {
			total += figure.applyAsLong(queue);
		}
		return total;
	}

	/** Spans ended after the pipeline shut down; they were not exported. */
	public long endedAfterShutdown() {
		return this.endedAfterShutdown.get();
	}

	/**
	 * Accepted spans not delivered: failed, rejected by the collector, dropped from a full queue, or
	 * (before shutdown) still queued.
	 */
	public long undelivered() {
		return this.accepted.get() - this.exported.get();
	}

	/**
	 * Exports that failed, or whose spans the collector partly rejected, since the last one it
	 * accepted whole.
	 */
	public long consecutiveFailedExports() {
		return this.consecutiveFailedExports.get();
	}

	/** The most recent failed export or rejection of spans, if any. */
	public @Nullable Failure lastFailure() {
		return this.lastFailure.get();
	}

	void recordAccepted() {
		this.accepted.incrementAndGet();
	}

	void recordEndedAfterShutdown() {
		this.endedAfterShutdown.incrementAndGet();
	}

	void recordExported(int spans) {
		this.exported.addAndGet(spans);
		this.consecutiveFailedExports.set(0);
	}

	void recordFailed(int spans, Failure failure) {
		this.failed.addAndGet(spans);
		this.consecutiveFailedExports.incrementAndGet();
		this.lastFailure.set(failure);
	}

	void recordPartiallyRejected(int delivered, int rejectedSpans, Failure failure) {
		this.exported.addAndGet(delivered);
		this.rejected.addAndGet(rejectedSpans);
		this.consecutiveFailedExports.incrementAndGet();
		this.lastFailure.set(failure);
	}

	/**
	 * A failed export, or an export whose spans the collector partly rejected.
	 * @param time when it failed
	 * @param cause what the exporter reported, or what the collector said of the spans it rejected
	 * @param rejectedCredentials whether the endpoint refused the request's credentials
	 */
	public record Failure(Instant time, String cause, boolean rejectedCredentials) {
	}

}
