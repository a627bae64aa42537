package dev.tracekit.diagnostics;

import dev.tracekit.config.ConfigurationValue;

/** What a property under {@code tracekit.*} that tracekit does not know does at startup. */
public enum UnknownPropertyAction implements ConfigurationValue {

	/** Startup fails, naming the property, where it came from and the nearest valid key. */
	FAIL("fail"),

	/** One WARN per unknown property; startup goes on. */
	WARN("warn");

	private final String id;

	UnknownPropertyAction(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

}
