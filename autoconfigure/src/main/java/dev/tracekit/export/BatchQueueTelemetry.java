package dev.tracekit.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads one batch processor's own self-monitoring metrics: how many spans it dropped because its
 * queue was full and how many wait in it. The SDK reports these through a {@link MeterProvider};
 * each pipeline gets a private one that nothing exports, read on demand. It has no thread of its
 * own and is never shut down, so its last figures stay readable after the pipeline closes.
 */
final class BatchQueueTelemetry {

	private static final String PROCESSED = "otel.sdk.processor.span.processed";

	private static final String QUEUE_SIZE = "otel.sdk.processor.span.queue.size";

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final int capacity;

	private final PullReader reader = new PullReader();

	private final SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(this.reader).build();

	BatchQueueTelemetry(int capacity) {
		this.capacity = capacity;
	}

	/** The most spans the queue holds, as configured. */
	long queueCapacity() {
		return this.capacity;
	}

	MeterProvider meterProvider() {
		return this.meterProvider;
	}

	/** Spans dropped because the queue was full, since the processor was built. */
	long droppedQueueFull() {
		return sum(PROCESSED, "queue_full");
	}

	/** Spans currently waiting in the queue. */
	long queueSize() {
		return sum(QUEUE_SIZE, null);
	}

	private long sum(String metric, @Nullable String errorType) {
		long total = 0;
		for (MetricData data : this.reader.collect()) {
			if (!data.getName().equals(metric)) {
				continue;
			}
			for (LongPointData point : data.getLongSumData().getPoints()) {
				if (errorType == null || errorType.equals(point.getAttributes().get(ERROR_TYPE))) {
					total += point.getValue();
				}
			}
		}
		return total;
	}

	private static final class PullReader implements MetricReader {

		private volatile @Nullable CollectionRegistration registration;

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = registration;
		}

		java.util.Collection<MetricData> collect() {
			CollectionRegistration current = this.registration;
			return (current != null) ? current.collectAllMetrics() : java.util.List.of();
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
