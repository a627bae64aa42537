package dev.tracekit.export;

import java.util.function.BiPredicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads one batch processor's own self-monitoring metrics: how many spans it dropped because its
 * queue was full and how many wait in it. The SDK reports these through a {@link MeterProvider};
 * each pipeline gets a private one that nothing exports, read on demand. It has no thread of its
 * own and is never shut down, so its last figures stay readable after the pipeline closes.
 *
 * <p>
 * The SDK names these metrics after the semantic conventions where it can (1.62, see
 * {@code OpenTelemetrySdkFeatures}) and by its legacy names otherwise (1.55); both are read.
 */
final class BatchQueueTelemetry {

	// Semantic-convention names: a counter with error.type=queue_full for drops, an up-down counter.
	private static final String PROCESSED = "otel.sdk.processor.span.processed";

	private static final String QUEUE_SIZE = "otel.sdk.processor.span.queue.size";

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	// Legacy names: a counter with dropped=true for drops, a gauge.
	private static final String LEGACY_PROCESSED = "processedSpans";

	private static final String LEGACY_QUEUE_SIZE = "queueSize";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

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
		return sum((name, attributes) -> (name.equals(PROCESSED) && "queue_full".equals(attributes.get(ERROR_TYPE)))
				|| (name.equals(LEGACY_PROCESSED) && Boolean.TRUE.equals(attributes.get(LEGACY_DROPPED))));
	}

	/** Spans currently waiting in the queue. */
	long queueSize() {
		return sum((name, attributes) -> name.equals(QUEUE_SIZE) || name.equals(LEGACY_QUEUE_SIZE));
	}

	private long sum(BiPredicate<String, Attributes> wanted) {
		long total = 0;
		for (MetricData data : this.reader.collect()) {
			for (PointData point : data.getData().getPoints()) {
				if (point instanceof LongPointData longPoint && wanted.test(data.getName(), point.getAttributes())) {
					total += longPoint.getValue();
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
