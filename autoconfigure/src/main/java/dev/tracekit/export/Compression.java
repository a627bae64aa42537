package dev.tracekit.export;

/** Compression of OTLP request bodies. */
public enum Compression {

	NONE("none"),

	GZIP("gzip");

	private final String id;

	Compression(String id) {
		this.id = id;
	}

	public String id() {
		return this.id;
	}

}
