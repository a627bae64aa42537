package dev.tracekit.export;

import java.time.Duration;
import java.util.List;

import dev.tracekit.config.ConfigurationWarning;
import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/** How finished spans reach an exporter: {@code tracekit.exporters.<name>.processor.*}. */
public class ProcessorProperties implements ValidatedProperties {

	static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;

	static final int DEFAULT_MAX_CONCURRENT_EXPORTS = 4;

	static final int MOST_CONCURRENT_EXPORTS = 64;

	/** batch or simple. Defaults to simple for console exporters and batch for the others. */
	private @Nullable ProcessorType type;

	/** Batch: longest time a finished span waits before its batch is exported. */
	private Duration scheduleDelay = Duration.ofSeconds(5);

	/** Batch: spans held while waiting for export; spans beyond it are dropped and counted. */
	private int maxQueueSize = 2048;

	/**
	 * Batch: most spans in one export request. A value above max-queue-size is lowered to it, as
	 * the SDK does.
	 */
	private int maxExportBatchSize = DEFAULT_MAX_EXPORT_BATCH_SIZE;

	/** Batch: maximum time one export of a batch may take; 0 means no limit, as in the SDK. */
	private Duration exportTimeout = Duration.ofSeconds(30);

	/** Batch: whether spans that are recorded but not sampled are exported too. */
	private boolean exportUnsampledSpans = false;

	/**
	 * Batch: most exports under way at once. Each is a batch processor with its own exporter (and
	 * connection) and its own queue of max-queue-size spans; ended spans are dealt to them in turn,
	 * passing over a full queue while another has room.
	 */
	private int maxConcurrentExports = DEFAULT_MAX_CONCURRENT_EXPORTS;

	public @Nullable ProcessorType getType() {
		return this.type;
	}

	public void setType(@Nullable ProcessorType type) {
		this.type = type;
	}

	public Duration getScheduleDelay() {
		return this.scheduleDelay;
	}

	public void setScheduleDelay(Duration scheduleDelay) {
		this.scheduleDelay = scheduleDelay;
	}

	public int getMaxQueueSize() {
		return this.maxQueueSize;
	}

	public void setMaxQueueSize(int maxQueueSize) {
		this.maxQueueSize = maxQueueSize;
	}

	public int getMaxExportBatchSize() {
		return this.maxExportBatchSize;
	}

	public void setMaxExportBatchSize(int maxExportBatchSize) {
		this.maxExportBatchSize = maxExportBatchSize;
	}

	/** The batch size in force: never more than the queue holds, as the SDK builds it. */
	public int effectiveMaxExportBatchSize() {
		return Math.min(this.maxExportBatchSize, this.maxQueueSize);
	}

	public Duration getExportTimeout() {
		return this.exportTimeout;
	}

	public void setExportTimeout(Duration exportTimeout) {
		this.exportTimeout = exportTimeout;
	}

	public boolean isExportUnsampledSpans() {
		return this.exportUnsampledSpans;
	}

	public void setExportUnsampledSpans(boolean exportUnsampledSpans) {
		this.exportUnsampledSpans = exportUnsampledSpans;
	}

	public int getMaxConcurrentExports() {
		return this.maxConcurrentExports;
	}

	public void setMaxConcurrentExports(int maxConcurrentExports) {
		this.maxConcurrentExports = maxConcurrentExports;
	}

	/**
	 * The queue of each of the max-concurrent-exports batch processors: max-queue-size. A share of
	 * it would fill up to the batch size before its export starts (the SDK starts one when a batch
	 * is full) and drop spans that one processor with the whole queue keeps; so each gets it all,
	 * and the pipeline holds up to max-concurrent-exports times max-queue-size spans.
	 */
	public int queueSizePerExport() {
		return this.maxQueueSize;
	}

	/** The batch size in force in each processor. */
	int maxExportBatchSizePerExport() {
		return effectiveMaxExportBatchSize();
	}

	@Override
	public void validate(Errors errors) {
		ValueRules.positive(errors, "maxQueueSize", this.maxQueueSize);
		ValueRules.positive(errors, "maxExportBatchSize", this.maxExportBatchSize);
		ValueRules.notNegative(errors, "exportTimeout", this.exportTimeout);
		if (this.maxConcurrentExports < 1 || this.maxConcurrentExports > MOST_CONCURRENT_EXPORTS) {
			ValueRules.reject(errors, "maxConcurrentExports", "must be between 1 and " + MOST_CONCURRENT_EXPORTS);
		}
		if (this.scheduleDelay.isNegative()) {
			ValueRules.reject(errors, "scheduleDelay", "must not be negative; e.g. 5s or 200ms");
		}
	}

	@Override
	public List<ConfigurationWarning> warnings(String prefix) {
		// The default batch size above a small queue is lowered silently, as the SDK does; a batch
		// size someone chose is worth a word.
		if (this.maxExportBatchSize != DEFAULT_MAX_EXPORT_BATCH_SIZE && this.maxExportBatchSize > this.maxQueueSize
				&& this.maxQueueSize > 0) {
			return List.of(new ConfigurationWarning("batch-size", prefix + ".max-export-batch-size ("
					+ this.maxExportBatchSize + ") is larger than max-queue-size (" + this.maxQueueSize
					+ "), so batches hold at most " + this.maxQueueSize + " spans."));
		}
		return List.of();
	}

}
