package dev.tracekit.export;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

import dev.tracekit.spool.SpanSpool;
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
		return of(name, description, exporter, processorFactory, queueCapacity, exportUnsampled, failureSummaryInterval,
				secrets, null);
	}

	/**
	 * Wraps an exporter and its processor so that the pipeline is counted and its health logged, and
	 * puts a spool in it.
	 * @param name the pipeline's name
	 * @param description where and how it exports
	 * @param exporter the exporter
	 * @param processorFactory makes the processor
	 * @param queueCapacity the batch processor's queue size, or 0 for a processor without a queue
	 * @param exportUnsampled whether the processor exports unsampled spans
	 * @param failureSummaryInterval how often a failing exporter's failures are summarised
	 * @param secrets values never to be logged, such as header values
	 * @param spool where spans go that cannot be exported now, or null for none; started here,
	 * closed when the pipeline shuts down
	 * @return the pipeline
	 */
	public static ExportPipeline of(String name, String description, SpanExporter exporter,
			ProcessorFactory processorFactory, int queueCapacity, boolean exportUnsampled,
			Duration failureSummaryInterval, Collection<String> secrets, @Nullable SpanSpool spool) {
		@Nullable BatchQueueTelemetry queue = (queueCapacity > 0) ? new BatchQueueTelemetry(queueCapacity) : null;
		String described = (spool != null) ? description + ", " + spool.describe() : description;
		ExportStatistics statistics = new ExportStatistics(queue, (spool != null) ? spool.statistics() : null);
		ExportHealthLog healthLog = new ExportHealthLog(name, described, failureSummaryInterval, Clock.systemUTC(),
				secrets);
		SpanExporter monitored = new MonitoredSpanExporter(exporter, statistics, healthLog);
		@Nullable SpoolingSpanExporter spooling = null;
		if (spool != null) {
			spooling = new SpoolingSpanExporter(monitored, spool, queueCapacity);
			spool.start(monitored);
		}
		SpanProcessor processor = processorFactory.create((spooling != null) ? spooling : monitored,
				(queue != null) ? queue.meterProvider() : MeterProvider.noop());
		return new ExportPipeline(name, described,
				new MonitoredSpanProcessor(name, processor, exportUnsampled, statistics, spooling), statistics);
	}

}
