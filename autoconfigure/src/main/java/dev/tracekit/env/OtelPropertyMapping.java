package dev.tracekit.env;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.OriginTrackedValue;

/**
 * Maps the OpenTelemetry SDK's trace settings onto {@code tracekit.*} properties, with the SDK's
 * semantics: a signal-specific variable beats its generic form, the generic OTLP endpoint gets
 * {@code /v1/traces} appended for HTTP, signal-specific headers replace the generic ones, resource
 * attributes and headers are percent-decoded, and {@code OTEL_SERVICE_NAME} beats
 * {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES}. Each mapped value keeps the variable it
 * came from as its origin.
 *
 * <p>
 * The {@code OTEL_EXPORTER_OTLP_*} variables configure the exporter named {@code otlp}; the
 * {@code OTEL_BSP_*} variables configure the processor of every exporter in force.
 */
final class OtelPropertyMapping {

	static final String OTLP_EXPORTER = "otlp";

	private static final Map<String, String> DIRECT = Map.ofEntries(Map.entry("otel.service.name", "tracekit.resource.service-name"),
			Map.entry("otel.traces.sampler", "tracekit.sampler.type"),
			Map.entry("otel.traces.sampler.arg", "tracekit.sampler.ratio"),
			Map.entry("otel.attribute.value.length.limit", "tracekit.limits.attribute-value-length"),
			Map.entry("otel.attribute.count.limit", "tracekit.limits.attribute-count"),
			Map.entry("otel.span.attribute.value.length.limit", "tracekit.limits.span-attribute-value-length"),
			Map.entry("otel.span.attribute.count.limit", "tracekit.limits.span-attribute-count"),
			Map.entry("otel.span.event.count.limit", "tracekit.limits.event-count"),
			Map.entry("otel.span.link.count.limit", "tracekit.limits.link-count"));

	private static final Map<String, String> BATCH = Map.of("otel.bsp.schedule.delay", "schedule-delay",
			"otel.bsp.max.queue.size", "max-queue-size", "otel.bsp.max.export.batch.size", "max-export-batch-size",
			"otel.bsp.export.timeout", "export-timeout");

	// OTLP settings with a generic (otel.exporter.otlp.X) and a traces-specific (otel.exporter.otlp.traces.X) key.
	private static final Map<String, String> OTLP = Map.of("compression", "compression", "timeout", "timeout",
			"certificate", "trusted-certificate", "client.key", "client-key", "client.certificate",
			"client-certificate");

	// Resource attributes that tracekit holds as named settings, so they keep their precedence.
	private static final Map<String, String> NAMED_RESOURCE_ATTRIBUTES = Map.of("service.name", "service-name",
			"service.version", "service-version", "service.namespace", "service-namespace", "service.instance.id",
			"service-instance-id", "deployment.environment.name", "deployment-environment");

	private final Map<String, OtelVariable> variables;

	private final List<String> configuredExporterNames;

	private final @Nullable String configuredOtlpProtocol;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	/**
	 * @param variables the OpenTelemetry settings by normalized key
	 * @param configuredExporterNames exporter names configured by other property sources
	 * @param configuredOtlpProtocol the protocol of the exporter named {@code otlp} in other
	 * property sources, if set
	 */
	OtelPropertyMapping(Map<String, OtelVariable> variables, List<String> configuredExporterNames,
			@Nullable String configuredOtlpProtocol) {
		this.variables = variables;
		this.configuredExporterNames = configuredExporterNames;
		this.configuredOtlpProtocol = configuredOtlpProtocol;
	}

	/** The {@code tracekit.*} properties, values wrapped with their origins. */
	Map<String, Object> map() {
		mapSdkDisabled();
		DIRECT.forEach((key, property) -> {
			OtelVariable variable = this.variables.get(key);
			if (variable != null) {
				put(property, variable.value().trim(), variable);
			}
		});
		mapResourceAttributes();
		mapPropagators();
		List<String> exporterNames = mapExporters();
		mapBatchSettings(exporterNames);
		mapOtlp();
		return this.properties;
	}

	private void mapSdkDisabled() {
		OtelVariable variable = this.variables.get("otel.sdk.disabled");
		if (variable == null) {
			return;
		}
		String value = variable.value().trim().toLowerCase(Locale.ROOT);
		if (!value.equals("true") && !value.equals("false")) {
			throw new InvalidOtelVariableException(variable, variable.value(), "is not a boolean",
					"Set it to true (no SDK, no export) or false");
		}
		put("tracekit.enabled", String.valueOf(value.equals("false")), variable);
	}

	private void mapResourceAttributes() {
		OtelVariable variable = this.variables.get("otel.resource.attributes");
		if (variable == null) {
			return;
		}
		Map<String, String> attributes = parseMap(variable, false);
		attributes.forEach((key, encoded) -> {
			String value = decodeResourceValue(encoded);
			String named = NAMED_RESOURCE_ATTRIBUTES.get(key);
			if (named == null) {
				put("tracekit.resource.attributes[" + key + "]", value, variable);
			}
			else if (!(key.equals("service.name") && this.variables.containsKey("otel.service.name"))) {
				put("tracekit.resource." + named, value, variable);
			}
		});
	}

	private void mapPropagators() {
		OtelVariable variable = this.variables.get("otel.propagators");
		if (variable != null) {
			put("tracekit.propagators", String.join(",", list(variable.value())), variable);
		}
	}

	/** Maps OTEL_TRACES_EXPORTER and returns the names of the exporters in force. */
	private List<String> mapExporters() {
		OtelVariable variable = this.variables.get("otel.traces.exporter");
		if (variable == null) {
			return this.configuredExporterNames.isEmpty() ? List.of(OTLP_EXPORTER) : this.configuredExporterNames;
		}
		List<String> names = new ArrayList<>();
		for (String value : new LinkedHashSet<>(list(variable.value()))) {
			// "logging" is the SDK's older name of the console exporter.
			String type = value.equals("logging") ? "console" : value;
			put("tracekit.exporters." + value + ".type", type, variable);
			names.add(value);
		}
		// The variable names the whole set, as in the SDK: exporters configured elsewhere step aside.
		for (String configured : this.configuredExporterNames) {
			if (!names.contains(configured)) {
				put("tracekit.exporters." + configured + ".enabled", "false", variable);
			}
		}
		return names;
	}

	private void mapBatchSettings(List<String> exporterNames) {
		BATCH.forEach((key, property) -> {
			OtelVariable variable = this.variables.get(key);
			if (variable != null) {
				for (String name : exporterNames) {
					put("tracekit.exporters." + name + ".processor." + property, variable.value().trim(), variable);
				}
			}
		});
	}

	private void mapOtlp() {
		String prefix = "tracekit.exporters." + OTLP_EXPORTER + ".";
		OtelVariable protocolVariable = otlp("protocol");
		String protocol = (protocolVariable != null) ? protocolVariable.value().trim()
				: (this.configuredOtlpProtocol != null) ? this.configuredOtlpProtocol : "grpc";
		if (protocolVariable != null) {
			put(prefix + "protocol", protocol, protocolVariable);
		}
		mapEndpoint(prefix, protocol);
		OTLP.forEach((setting, property) -> {
			OtelVariable variable = otlp(setting);
			if (variable != null) {
				put(prefix + property, variable.value().trim(), variable);
			}
		});
		OtelVariable headers = otlp("headers");
		if (headers != null) {
			parseMap(headers, true).forEach((name, encoded) -> put(prefix + "headers[" + name + "]",
					decodeHeaderValue(headers, name, encoded), headers));
		}
		OtelVariable retryDisabled = this.variables.get("otel.java.exporter.otlp.retry.disabled");
		if (retryDisabled != null) {
			put(prefix + "retry", String.valueOf(!Boolean.parseBoolean(retryDisabled.value().trim())), retryDisabled);
		}
	}

	private void mapEndpoint(String prefix, String protocol) {
		OtelVariable specific = this.variables.get("otel.exporter.otlp.traces.endpoint");
		if (specific != null) {
			put(prefix + "endpoint", specific.value().trim(), specific);
			return;
		}
		OtelVariable generic = this.variables.get("otel.exporter.otlp.endpoint");
		if (generic == null) {
			return;
		}
		String endpoint = generic.value().trim();
		// The generic endpoint is the collector's base URL; HTTP adds the signal's path to it.
		if (isHttp(protocol)) {
			endpoint = endpoint + (endpoint.endsWith("/") ? "" : "/") + "v1/traces";
		}
		put(prefix + "endpoint", endpoint, generic);
	}

	private static boolean isHttp(String protocol) {
		String normalized = protocol.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		return normalized.equals("httpprotobuf");
	}

	private @Nullable OtelVariable otlp(String setting) {
		OtelVariable specific = this.variables.get("otel.exporter.otlp.traces." + setting);
		return (specific != null) ? specific : this.variables.get("otel.exporter.otlp." + setting);
	}

	private void put(String property, String value, OtelVariable variable) {
		this.properties.put(property, OriginTrackedValue.of(value, variable.origin()));
	}

	private static List<String> list(String value) {
		List<String> items = new ArrayList<>();
		for (String item : value.split(",")) {
			String trimmed = item.trim();
			if (!trimmed.isEmpty()) {
				items.add(trimmed);
			}
		}
		return items;
	}

	/** Parses {@code key=value,key=value}; a malformed entry is an error naming the variable. */
	private static Map<String, String> parseMap(OtelVariable variable, boolean secretValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String entry : variable.value().split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int equals = entry.indexOf('=');
			String key = (equals >= 0) ? entry.substring(0, equals).trim() : "";
			if (equals < 0 || key.isEmpty()) {
				throw new InvalidOtelVariableException(variable, secretValues ? masked(variable.value()) : variable.value(),
						"has the entry '" + (secretValues ? masked(entry) : entry.trim())
								+ "', which is not of the form key=value",
						"Write comma-separated key=value pairs, e.g. key1=value1,key2=value2;"
								+ " percent-encode ',' and '=' inside values (%2C, %3D)");
			}
			map.put(key, entry.substring(equals + 1).trim());
		}
		return map;
	}

	// Header values are credentials; an error report shows the keys only.
	private static String masked(String value) {
		return List.of(value.split(",", -1))
			.stream()
			.map((entry) -> {
				int equals = entry.indexOf('=');
				return (equals < 0) ? "****" : entry.substring(0, equals) + "=****";
			})
			.collect(Collectors.joining(","));
	}

	private static String decodeHeaderValue(OtelVariable variable, String name, String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOtelVariableException(variable, masked(variable.value()),
					"has a value for header '" + name + "' that is not valid percent-encoding",
					"Percent-encode special characters in header values, e.g. a space as %20");
		}
	}

	// As the SDK does for resource attributes: %XX sequences are decoded, anything else is kept as it is.
	private static String decodeResourceValue(String value) {
		if (value.indexOf('%') < 0) {
			return value;
		}
		StringBuilder decoded = new StringBuilder(value.length());
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%' && i + 2 < value.length() && Character.digit(value.charAt(i + 1), 16) >= 0
					&& Character.digit(value.charAt(i + 2), 16) >= 0) {
				pending.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
				i += 2;
				continue;
			}
			decoded.append(pending.toString(StandardCharsets.UTF_8));
			pending.reset();
			decoded.append(c);
		}
		return decoded.append(pending.toString(StandardCharsets.UTF_8)).toString();
	}

	static Set<String> supportedKeys() {
		Set<String> keys = new LinkedHashSet<>(DIRECT.keySet());
		keys.addAll(BATCH.keySet());
		keys.addAll(List.of("otel.sdk.disabled", "otel.resource.attributes", "otel.propagators",
				"otel.traces.exporter", "otel.java.exporter.otlp.retry.disabled"));
		for (String setting : List.of("protocol", "endpoint", "headers", "compression", "timeout", "certificate",
				"client.key", "client.certificate")) {
			keys.add("otel.exporter.otlp." + setting);
			keys.add("otel.exporter.otlp.traces." + setting);
		}
		return keys;
	}

}
