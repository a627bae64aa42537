package dev.tracekit.export;

import dev.tracekit.config.ConfigurationValue;

/** Where an exporter sends finished spans. */
public enum ExporterType implements ConfigurationValue {

	/** An OpenTelemetry Protocol endpoint: a collector or a vendor. */
	OTLP("otlp"),

	/**
	 * A Zipkin server's v2 JSON API, through OpenTelemetry's {@code ZipkinSpanExporter} (the optional
	 * {@code io.opentelemetry:opentelemetry-exporter-zipkin}).
	 */
	ZIPKIN("zipkin"),

	/** Human-readable lines on standard output. */
	CONSOLE("console"),

	/** Nowhere: spans are recorded (and visible to user processors) but not exported. */
	NONE("none");

	private final String id;

	ExporterType(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

	/** Whether this exporter sends over the network (and so is switched off in tests that do not opt in). */
	public boolean isNetwork() {
		return this == OTLP || this == ZIPKIN;
	}

}
