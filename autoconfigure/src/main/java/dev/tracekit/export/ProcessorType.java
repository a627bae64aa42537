package dev.tracekit.export;

import dev.tracekit.config.ConfigurationValue;

/** How finished spans are handed to an exporter. */
public enum ProcessorType implements ConfigurationValue {

	/** Queue spans and export them in batches on a background thread. */
	BATCH("batch"),

	/** Export each span as it ends, on the thread that ends it. */
	SIMPLE("simple");

	private final String id;

	ProcessorType(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

}
