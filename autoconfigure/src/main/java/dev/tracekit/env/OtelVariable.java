package dev.tracekit.env;

import java.util.Locale;

import org.springframework.boot.origin.Origin;

/**
 * One OpenTelemetry setting as the process received it: an {@code OTEL_*} environment variable or
 * an {@code otel.*} system property, under its normalized {@code otel.*} key.
 * @param key the normalized key, such as {@code otel.traces.sampler.arg}
 * @param source the name as written, such as {@code OTEL_TRACES_SAMPLER_ARG}
 * @param value the value as given
 * @param environmentVariable whether it came from the environment rather than a system property
 */
public record OtelVariable(String key, String source, String value, boolean environmentVariable) {

	/**
	 * Normalizes an environment variable's name as the SDK does: lower case, '_' becomes '.'.
	 * @param name the variable's name, such as {@code OTEL_SERVICE_NAME}
	 * @return the key, such as {@code otel.service.name}
	 */
	static String normalizeEnvironmentVariable(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '.');
	}

	/**
	 * Normalizes a system property's name as the SDK does: lower case, '-' becomes '.'.
	 * @param name the property's name, such as {@code otel.service-name}
	 * @return the key, such as {@code otel.service.name}
	 */
	static String normalizeSystemProperty(String name) {
		return name.toLowerCase(Locale.ROOT).replace('-', '.');
	}

	/** Where the value came from, for error reports: names the variable, never a mapped property. */
	public Origin origin() {
		String text = (this.environmentVariable ? "environment variable " : "system property ") + this.source;
		return new Origin() {
			@Override
			public String toString() {
				return text;
			}
		};
	}

	/** The value as it may be shown: header values are credentials, so only their names are. */
	String shownValue() {
		return this.key.endsWith(".headers") ? OtelValues.masked(this.value) : this.value;
	}

	@Override
	public String toString() {
		return this.source + "=" + shownValue();
	}

}
