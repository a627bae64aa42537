package dev.tracekit.export;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Builds the Zipkin exporter of one {@code tracekit.exporters} entry. Only loaded when an exporter
 * of type zipkin is built, so {@code opentelemetry-exporter-zipkin} stays optional (its absence is
 * reported by {@link ExporterProperties}' validation, naming the dependency).
 */
final class ZipkinSpanExporterFactory {

	private ZipkinSpanExporterFactory() {
	}

	static SpanExporter create(ExporterProperties properties) {
		return ZipkinSpanExporter.builder()
			.setEndpoint(properties.effectiveEndpoint())
			.setReadTimeout(properties.getTimeout())
			.setCompression(properties.effectiveCompression().id())
			// Left at its default, the exporter reads GlobalOpenTelemetry and pins it before we register.
			.setMeterProvider(MeterProvider.noop())
			.build();
	}

	/** Where and how the exporter sends, for logs and reports. */
	static String describe(ExporterProperties properties) {
		String description = "zipkin " + properties.effectiveEndpoint();
		return (properties.effectiveCompression() != Compression.NONE)
				? description + ", " + properties.effectiveCompression().id() : description;
	}

}
