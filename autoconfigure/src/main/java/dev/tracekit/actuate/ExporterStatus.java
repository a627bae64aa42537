package dev.tracekit.actuate;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportStatistics;
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
 */
public record ExporterStatus(String description, long accepted, long exported, long failed, long rejected, long droppedQueueFull,
		long queueSize, long queueCapacity, long consecutiveFailedExports, @Nullable LastFailure lastFailure) {

	/** Reads a pipeline's counters now. */
	public static ExporterStatus of(ExportPipeline pipeline) {
		ExportStatistics statistics = pipeline.statistics();
		ExportStatistics.Failure failure = statistics.lastFailure();
		return new ExporterStatus(pipeline.description(), statistics.accepted(), statistics.exported(),
				statistics.failed(), statistics.rejected(), statistics.droppedQueueFull(), statistics.queueSize(), statistics.queueCapacity(),
				statistics.consecutiveFailedExports(), (failure != null) ? LastFailure.of(failure) : null);
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
