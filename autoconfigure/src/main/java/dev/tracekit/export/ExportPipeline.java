package dev.tracekit.export;

import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * One exporter with its own span processor, as added to the tracer provider.
 * @param name the exporter's name under {@code tracekit.exporters}, or the bean name of a user
 * {@code SpanExporter}
 * @param description where and how it exports, without secrets, for logs and reports
 * @param processor the processor to add to the tracer provider
 * @param exporter the exporter, as built
 * @param statistics its live counters
 */
public record ExportPipeline(String name, String description, SpanProcessor processor, SpanExporter exporter,
		ExportStatistics statistics) {

	/**
	 * Wraps an exporter and its processor so that the pipeline is counted.
	 * @param name the pipeline's name
	 * @param description where and how it exports
	 * @param exporter the exporter
	 * @param processorFactory makes the processor for the (counting) exporter
	 * @param exportUnsampled whether the processor exports unsampled spans
	 * @return the pipeline
	 */
	static ExportPipeline of(String name, String description, SpanExporter exporter,
			java.util.function.Function<SpanExporter, SpanProcessor> processorFactory, boolean exportUnsampled) {
		ExportStatistics statistics = new ExportStatistics();
		SpanProcessor processor = processorFactory.apply(new MonitoredSpanExporter(exporter, statistics));
		return new ExportPipeline(name, description,
				new MonitoredSpanProcessor(name, processor, exportUnsampled, statistics), exporter, statistics);
	}

}
