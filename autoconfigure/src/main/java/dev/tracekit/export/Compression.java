package dev.tracekit.export;

import dev.tracekit.config.ConfigurationValue;

/** Compression of OTLP request bodies. */
public enum Compression implements ConfigurationValue {

	NONE("none"),

	GZIP("gzip");

	private final String id;

	Compression(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

}
