package dev.tracekit.export;

import org.jspecify.annotations.Nullable;

/**
 * TLS of an OTLP exporter from one of Spring Boot's SSL bundles:
 * {@code tracekit.exporters.<name>.ssl.*}. An alternative to the PEM file settings.
 */
public class ExporterSslProperties {

	/**
	 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust material, and key
	 * material when it has any, the OTLP exporter uses. Cannot be combined with the PEM file
	 * settings.
	 */
	private @Nullable String bundle;

	public @Nullable String getBundle() {
		return this.bundle;
	}

	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

}
