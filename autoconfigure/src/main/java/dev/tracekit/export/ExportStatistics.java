package dev.tracekit.export;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Live counters of one export pipeline. Spans handed to the pipeline are, at any moment, either
 * exported, failed, queued, in flight, or dropped because the queue was full; once the pipeline is
 * shut down nothing is queued or in flight, so {@link #undelivered()} is exactly what was lost.
 */
public final class ExportStatistics {

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong exported = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong endedAfterShutdown = new AtomicLong();

	private final AtomicReference<@Nullable Failure> lastFailure = new AtomicReference<>();

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

	/** Spans ended after the pipeline shut down; they were not exported. */
	public long endedAfterShutdown() {
		return this.endedAfterShutdown.get();
	}

	/** Accepted spans not delivered: failed, dropped from a full queue, or (before shutdown) still queued. */
	public long undelivered() {
		return this.accepted.get() - this.exported.get();
	}

	/** The most recent failed export, if any. */
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
	}

	void recordFailed(int spans, @Nullable Throwable cause) {
		this.failed.addAndGet(spans);
		this.lastFailure.set(new Failure(Instant.now(), (cause != null) ? cause.toString() : "export failed"));
	}

	/**
	 * A failed export.
	 * @param time when it failed
	 * @param cause what the exporter reported
	 */
	public record Failure(Instant time, String cause) {
	}

}
