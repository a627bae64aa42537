package dev.tracekit.export;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * One exporter with its own span processor, as added to the tracer provider.
 * @param name the exporter's name under {@code tracekit.exporters}, or the bean name of a user
 * {@code SpanExporter}
 * @param description where and how it exports, without secrets, for logs and reports
 * @param processor the processor to add to the tracer provider
 * @param statistics its live counters
 */
public record ExportPipeline(String name, String description, SpanProcessor processor, ExportStatistics statistics) {

	/** Makes a pipeline's processor around the exporter it is given. */
	public interface ProcessorFactory {

		/**
		 * @param exporter the exporter the processor hands spans to
		 * @param meterProvider where a batch processor reports its queue
		 * @return the processor
		 */
		SpanProcessor create(SpanExporter exporter, MeterProvider meterProvider);

	}

	/**
	 * Wraps an exporter and its processor so that the pipeline is counted and its health logged.
	 * @param name the pipeline's name
	 * @param description where and how it exports
	 * @param exporter the exporter
	 * @param processorFactory makes the processor
	 * @param queueCapacity the batch processor's queue size, or 0 for a processor without a queue
	 * @param exportUnsampled whether the processor exports unsampled spans
	 * @param failureSummaryInterval how often a failing exporter's failures are summarised
	 * @param secrets values never to be logged, such as header values
	 * @return the pipeline
	 */
	public static ExportPipeline of(String name, String description, SpanExporter exporter,
			ProcessorFactory processorFactory, int queueCapacity, boolean exportUnsampled,
			Duration failureSummaryInterval, Collection<String> secrets) {
		return of(name, description, List.of(exporter), processorFactory, queueCapacity, exportUnsampled,
				failureSummaryInterval, secrets);
	}

	/**
	 * Wraps several exporters of one destination, each with its own processor, as one pipeline that
	 * has as many exports under way at once: counted, health-logged and flushed as one.
	 * @param name the pipeline's name
	 * @param description where and how it exports
	 * @param exporters the exporters, one per processor; never called concurrently themselves
	 * @param processorFactory makes each processor
	 * @param queueCapacity each batch processor's queue size, or 0 for processors without a queue
	 * @param exportUnsampled whether the processors export unsampled spans
	 * @param failureSummaryInterval how often a failing exporter's failures are summarised
	 * @param secrets values never to be logged, such as header values
	 * @return the pipeline
	 */
	public static ExportPipeline of(String name, String description, List<SpanExporter> exporters,
			ProcessorFactory processorFactory, int queueCapacity, boolean exportUnsampled,
			Duration failureSummaryInterval, Collection<String> secrets) {
		if (exporters.isEmpty()) {
			throw new IllegalArgumentException("a pipeline needs an exporter");
		}
		List<BatchQueueTelemetry> queues = new ArrayList<>();
		List<SpanProcessor> processors = new ArrayList<>();
		ExportStatistics statistics = new ExportStatistics(queues);
		ExportHealthLog healthLog = new ExportHealthLog(name, description, failureSummaryInterval, Clock.systemUTC(),
				secrets);
		for (SpanExporter exporter : exporters) {
			@Nullable BatchQueueTelemetry queue = (queueCapacity > 0) ? new BatchQueueTelemetry(queueCapacity) : null;
			if (queue != null) {
				queues.add(queue);
			}
			processors.add(processorFactory.create(new MonitoredSpanExporter(exporter, statistics, healthLog),
					(queue != null) ? queue.meterProvider() : MeterProvider.noop()));
		}
		SpanProcessor processor = (processors.size() == 1) ? processors.get(0) : new ConcurrentExports(processors);
		return new ExportPipeline(name, description,
				new MonitoredSpanProcessor(name, processor, exportUnsampled, statistics), statistics);
	}

}
