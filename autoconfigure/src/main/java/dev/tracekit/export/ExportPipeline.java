package dev.tracekit.export;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
		return of(name, description, List.of(exporter), processorFactory, queueCapacity, exportUnsampled,
				failureSummaryInterval, secrets, null);
	}

	/**
	 * Wraps several exporters of one destination, each with its own processor, as one pipeline that
	 * has as many exports under way at once: counted, health-logged and flushed as one, with a spool
	 * if one is given.
	 * @param name the pipeline's name
	 * @param description where and how it exports
	 * @param exporters the exporters, one per processor; never called concurrently themselves
	 * @param processorFactory makes each processor
	 * @param queueCapacity each batch processor's queue size, or 0 for processors without a queue
	 * @param exportUnsampled whether the processors export unsampled spans
	 * @param failureSummaryInterval how often a failing exporter's failures are summarised
	 * @param secrets values never to be logged, such as header values
	 * @param spool where spans go that cannot be exported now, or null for none; started here,
	 * closed when the pipeline shuts down
	 * @return the pipeline
	 */
	public static ExportPipeline of(String name, String description, List<SpanExporter> exporters,
			ProcessorFactory processorFactory, int queueCapacity, boolean exportUnsampled,
			Duration failureSummaryInterval, Collection<String> secrets, @Nullable SpanSpool spool) {
		if (exporters.isEmpty()) {
			throw new IllegalArgumentException("a pipeline needs an exporter");
		}
		String described = (spool != null) ? description + ", " + spool.describe() : description;
		List<BatchQueueTelemetry> queues = new ArrayList<>();
		List<SpanProcessor> processors = new ArrayList<>();
		ExportStatistics statistics = new ExportStatistics(queues, (spool != null) ? spool.statistics() : null);
		ExportHealthLog healthLog = new ExportHealthLog(name, described, failureSummaryInterval, Clock.systemUTC(),
				secrets);
		// One gate for all the processors: it diverts a span to the spool when all their queues may be full.
		SpoolingSpanExporter.@Nullable Gate gate = (spool != null)
				? new SpoolingSpanExporter.Gate(spool, queueCapacity * exporters.size()) : null;
		@Nullable SpoolingSpanExporter firstSpooling = null;
		@Nullable SpanExporter replayVia = null;
		List<ConcurrentExports.Lane> lanes = new ArrayList<>();
		for (SpanExporter exporter : exporters) {
			@Nullable BatchQueueTelemetry queue = (queueCapacity > 0) ? new BatchQueueTelemetry(queueCapacity) : null;
			if (queue != null) {
				queues.add(queue);
			}
			SpanExporter exporting = new MonitoredSpanExporter(exporter, statistics, healthLog);
			if (gate != null) {
				SpoolingSpanExporter spooling = new SpoolingSpanExporter(exporting, gate);
				if (firstSpooling == null) {
					firstSpooling = spooling;
					replayVia = exporting;
				}
				exporting = spooling;
			}
			if (exporters.size() > 1) {
				// Each processor's queue; a lane of 0 (no queue) takes nothing, so spans go in turn.
				ConcurrentExports.Lane lane = new ConcurrentExports.Lane(queueCapacity);
				lanes.add(lane);
				exporting = lane.counting(exporting);
			}
			processors.add(processorFactory.create(exporting,
					(queue != null) ? queue.meterProvider() : MeterProvider.noop()));
		}
		if (spool != null && replayVia != null) {
			spool.start(replayVia);
		}
		SpanProcessor processor = (processors.size() == 1) ? processors.get(0)
				: new ConcurrentExports(processors, lanes);
		return new ExportPipeline(name, described,
				new MonitoredSpanProcessor(name, processor, exportUnsampled, statistics, firstSpooling), statistics);
	}

}
