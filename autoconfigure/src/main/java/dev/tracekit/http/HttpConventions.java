package dev.tracekit.http;

import dev.tracekit.config.ConfigurationValue;

/**
 * Which names and attributes the spans of Spring's HTTP instrumentation carry.
 */
public enum HttpConventions implements ConfigurationValue {

	/**
	 * OpenTelemetry's stable HTTP semantic conventions: {@code GET /orders/{id}},
	 * {@code http.request.method}, {@code http.route}, {@code http.response.status_code},
	 * {@code url.full} or {@code url.path}, {@code server.address}, {@code error.type}, and span
	 * status by the status code.
	 */
	OPENTELEMETRY("opentelemetry"),

	/**
	 * Micrometer's, as Spring Boot has them without tracekit: {@code http get /orders/{id}},
	 * {@code method}, {@code uri}, {@code status}, {@code outcome}, {@code exception},
	 * {@code http.url}: the tags of the request metrics.
	 */
	MICROMETER("micrometer");

	private final String id;

	HttpConventions(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

}
