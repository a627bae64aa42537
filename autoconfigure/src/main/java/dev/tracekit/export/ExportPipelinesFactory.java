package dev.tracekit.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tracekit.compatibility.OpenTelemetrySdkFeatures;
import dev.tracekit.spool.SpanSpool;
import dev.tracekit.spool.SpoolProperties;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Builds one {@link ExportPipeline} per configured exporter and per user {@link SpanExporter}
 * bean. If building one fails, those already built are shut down before the error propagates.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class ExportPipelinesFactory {

	private ExportPipelinesFactory() {
	}

	/**
	 * Builds the pipelines of the exporters that the export switch lets through.
	 * @param exporters the exporters by name, as configured
	 * @param exportSwitch whether network exporters are built
	 * @param userExporters user {@code SpanExporter} beans by bean name; each gets a batch processor
	 * with default settings
	 * @param failureSummaryInterval how often a failing exporter's failures are summarised in the log
	 * @param shutdownTimeout the bound on shutting the pipelines down if the context fails to start
	 * @return the pipelines, in configuration order, then the user exporters
	 */
	public static ExportPipelines create(Map<String, ExporterProperties> exporters, TracingExportSwitch exportSwitch,
			Map<String, SpanExporter> userExporters, Duration failureSummaryInterval, Duration shutdownTimeout) {
		return create(exporters, exportSwitch, userExporters, failureSummaryInterval, shutdownTimeout,
				ExporterCustomizations.NONE);
	}

	/**
	 * Builds the pipelines of the exporters that the export switch lets through.
	 * @param exporters the exporters by name, as configured
	 * @param exportSwitch whether network exporters are built
	 * @param userExporters user {@code SpanExporter} beans by bean name; each gets a batch processor
	 * with default settings
	 * @param failureSummaryInterval how often a failing exporter's failures are summarised in the log
	 * @param shutdownTimeout the bound on shutting the pipelines down if the context fails to start
	 * @param customizations what reaches the OTLP exporters besides their settings
	 * @return the pipelines, in configuration order, then the user exporters
	 */
	public static ExportPipelines create(Map<String, ExporterProperties> exporters, TracingExportSwitch exportSwitch,
			Map<String, SpanExporter> userExporters, Duration failureSummaryInterval, Duration shutdownTimeout,
			ExporterCustomizations customizations) {
		// Every named SSL bundle must exist, also where the exporter is not built (a test that does not
		// opt in to network export), so that a misspelt name fails the test rather than the deployment.
		exporters.forEach((name, properties) -> {
			if (properties.getType() == ExporterType.OTLP) {
				customizations.sslBundle(name, properties);
			}
		});
		List<ExportPipeline> pipelines = new ArrayList<>();
		try {
			exportSwitch.filter(exporters).forEach((name, properties) -> {
				if (properties.getType() != ExporterType.NONE) {
					pipelines.add(configured(name, properties, failureSummaryInterval, customizations));
				}
			});
			ProcessorProperties defaults = new ProcessorProperties();
			userExporters.forEach((beanName, exporter) -> pipelines.add(ExportPipeline.of(beanName,
					"bean " + exporter + ", batch", exporter,
					(counted, meterProvider) -> batch(counted, defaults, meterProvider), defaults.queueSizePerExport(), false,
					failureSummaryInterval, List.of())));
		}
		catch (RuntimeException ex) {
			pipelines.forEach((pipeline) -> pipeline.processor().shutdown());
			throw ex;
		}
		return new ExportPipelines(pipelines, exportSwitch.switchedOff(exporters), shutdownTimeout);
	}

	private static ExportPipeline configured(String name, ExporterProperties properties, Duration failureSummaryInterval,
			ExporterCustomizations customizations) {
		ProcessorProperties processor = properties.getProcessor();
		ProcessorType processorType = properties.effectiveProcessorType();
		boolean batch = processorType == ProcessorType.BATCH;
		// Several exports at once are several batch processors, each with an exporter of its own.
		int exports = batch ? processor.getMaxConcurrentExports() : 1;
		List<SpanExporter> exporters = new ArrayList<>();
		try {
			for (int i = 0; i < exports; i++) {
				exporters.add(switch (properties.getType()) {
					case OTLP -> OtlpSpanExporterFactory.create(name, properties, customizations);
					case ZIPKIN -> ZipkinSpanExporterFactory.create(properties);
					case CONSOLE -> new ConsoleSpanExporter();
					case NONE -> throw new IllegalArgumentException("exporter type none has no pipeline");
				});
			}
		}
		catch (RuntimeException ex) {
			exporters.forEach(SpanExporter::shutdown);
			throw ex;
		}
		ExportPipeline.ProcessorFactory processorFactory = batch
				? (counted, meterProvider) -> batch(counted, processor, meterProvider)
				: (counted, meterProvider) -> simple(counted, processor);
		String where = (properties.getType() == ExporterType.OTLP)
				? OtlpSpanExporterFactory.describe(name, properties, customizations) : describe(properties);
		String how = processorType.id() + ((exports > 1) ? ", " + exports + " exports at once" : "");
		SpoolProperties spoolProperties = properties.getSpool();
		SpanSpool spool = spoolProperties.isEnabled() ? SpanSpool.open(name, spoolProperties, properties.getTimeout())
				: null;
		return ExportPipeline.of(name, where + ", " + how, exporters, processorFactory,
				batch ? processor.queueSizePerExport() : 0, processor.isExportUnsampledSpans(), failureSummaryInterval,
				properties.getHeaders().values(), spool);
	}

	/** Where and how an exporter sends, for logs and reports; header values are never shown. */
	static String describe(ExporterProperties properties) {
		return switch (properties.getType()) {
			case OTLP -> OtlpSpanExporterFactory.describe(properties);
			case ZIPKIN -> ZipkinSpanExporterFactory.describe(properties);
			case CONSOLE, NONE -> properties.getType().id();
		};
	}

	private static SpanProcessor batch(SpanExporter exporter, ProcessorProperties processor, MeterProvider meterProvider) {
		BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(exporter)
			.setScheduleDelay(processor.getScheduleDelay())
			.setMaxQueueSize(processor.queueSizePerExport())
			.setMaxExportBatchSize(processor.maxExportBatchSizePerExport())
			.setExporterTimeout(processor.getExportTimeout())
			.setExportUnsampledSpans(processor.isExportUnsampledSpans())
			// The SDK's own queue metrics, read by ExportStatistics.
			.setMeterProvider(meterProvider);
		OpenTelemetrySdkFeatures.latestProcessorMetrics(builder);
		return builder.build();
	}

	private static SpanProcessor simple(SpanExporter exporter, ProcessorProperties processor) {
		SimpleSpanProcessorBuilder builder = SimpleSpanProcessor.builder(exporter)
			.setExportUnsampledSpans(processor.isExportUnsampledSpans());
		OpenTelemetrySdkFeatures.withoutSimpleProcessorMetrics(builder);
		return builder.build();
	}

}
