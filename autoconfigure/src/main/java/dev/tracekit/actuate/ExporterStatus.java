package dev.tracekit.actuate;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.spool.SpoolStatistics;
import org.jspecify.annotations.Nullable;

/**
 * One exporter's counters as the health indicator and the endpoint show them. The description is
 * the pipeline's own, which never holds header values or other secrets. The counters are read one
 * after the other, so a status taken while an export completes may count it in one field and not
 * yet in another.
 * @param description where and how it exports
 * @param accepted spans handed to the pipeline
 * @param exported spans the exporter delivered
 * @param failed spans in exports that failed
 * @param rejected spans the collector refused from exports it accepted (OTLP partial success)
 * @param droppedQueueFull spans dropped because the batch queue was full
 * @param queueSize spans waiting in the batch queue now (0 without a queue)
 * @param queueCapacity the most spans the batch queue holds (0 without a queue)
 * @param consecutiveFailedExports exports that failed since the last one that succeeded
 * @param lastFailure the most recent failed export, kept after recovery; {@code null} if none
 * @param spool the exporter's spool; {@code null} without one
 */
public record ExporterStatus(String description, long accepted, long exported, long failed, long rejected,
		long droppedQueueFull, long queueSize, long queueCapacity, long consecutiveFailedExports,
		@Nullable LastFailure lastFailure, @Nullable Spool spool) {

	/** Reads a pipeline's counters now. */
	public static ExporterStatus of(ExportPipeline pipeline) {
		ExportStatistics statistics = pipeline.statistics();
		ExportStatistics.Failure failure = statistics.lastFailure();
		SpoolStatistics spool = statistics.spool();
		return new ExporterStatus(pipeline.description(), statistics.accepted(), statistics.exported(),
				statistics.failed(), statistics.rejected(), statistics.droppedQueueFull(), statistics.queueSize(),
				statistics.queueCapacity(), statistics.consecutiveFailedExports(), (failure != null) ? LastFailure.of(failure) : null,
				(spool != null) ? Spool.of(spool) : null);
	}

	/**
	 * An exporter's spool.
	 * @param available whether it can write (false once its directory proved unwritable or full)
	 * @param pendingSpans spans in spool files now, waiting to be replayed
	 * @param pendingBytes the size of those files
	 * @param spooled spans written to the spool by this process
	 * @param replayed spans read back from the spool and delivered
	 * @param expired spans deleted unsent, over the disk budget or past the maximum age
	 * @param corruptFiles spool files skipped as truncated or corrupt
	 * @param refused spans the spool could not take
	 */
	public record Spool(boolean available, long pendingSpans, long pendingBytes, long spooled, long replayed,
			long expired, long corruptFiles, long refused) {

		static Spool of(SpoolStatistics spool) {
			return new Spool(spool.available(), spool.pendingSpans(), spool.pendingBytes(), spool.spooled(),
					spool.replayed(), spool.expired(), spool.corruptFiles(), spool.refused());
		}

	}

	/** Whether the latest export failed, or had spans rejected, and none was accepted whole since. */
	public boolean failing() {
		return this.consecutiveFailedExports > 0;
	}

	/**
	 * A failed export.
	 * @param time when it failed, ISO-8601 in UTC (a string, so every JSON mapper renders it alike)
	 * @param cause what the exporter reported
	 * @param rejectedCredentials whether the endpoint refused the credentials (HTTP 401/403, gRPC
	 * UNAUTHENTICATED/PERMISSION_DENIED): check the exporter's headers
	 */
	public record LastFailure(String time, String cause, boolean rejectedCredentials) {

		static LastFailure of(ExportStatistics.Failure failure) {
			return new LastFailure(failure.time().toString(), failure.cause(), failure.rejectedCredentials());
		}

	}

}
