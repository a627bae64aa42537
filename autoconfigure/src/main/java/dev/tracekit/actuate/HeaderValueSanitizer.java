package dev.tracekit.actuate;

import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks exporter header values (API keys, tokens) wherever Spring Boot shows configuration:
 * {@code /actuator/configprops} and {@code /actuator/env}, also with
 * {@code management.endpoint.*.show-values=always}. Covers the {@code tracekit.*} form in any
 * source (properties, YAML, {@code TRACEKIT_*} variables, bracketed keys) and the
 * {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS} variables and their system properties.
 */
final class HeaderValueSanitizer implements SanitizingFunction {

	private static final Pattern TRACEKIT_HEADERS = Pattern.compile("tracekit[._]exporters[._].+[._]headers([._\\[].*)?");

	private static final Pattern OTEL_HEADERS = Pattern.compile("otel[._]exporter[._]otlp([._]traces)?[._]headers");

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getLowerCaseKey();
		if (data.getValue() != null
				&& (TRACEKIT_HEADERS.matcher(key).matches() || OTEL_HEADERS.matcher(key).matches())) {
			return data.withSanitizedValue();
		}
		return data;
	}

}
