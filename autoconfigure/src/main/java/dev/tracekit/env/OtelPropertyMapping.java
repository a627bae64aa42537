package dev.tracekit.env;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.origin.OriginTrackedValue;

/**
 * Maps the OpenTelemetry SDK's trace settings onto {@code tracekit.*} properties, with the SDK's
 * semantics: a signal-specific variable beats its generic form, the generic OTLP endpoint gets
 * {@code /v1/traces} appended for HTTP, signal-specific headers replace the generic ones, resource
 * attributes and headers are percent-decoded, and {@code OTEL_SERVICE_NAME} beats
 * {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES}. An empty or blank variable is unset,
 * as the OpenTelemetry specification says. Each mapped value keeps the variable it came from as
 * its origin.
 *
 * <p>
 * The {@code OTEL_EXPORTER_OTLP_*} variables configure the exporter named {@code otlp}, the
 * {@code OTEL_EXPORTER_ZIPKIN_*} ones the exporter named {@code zipkin}; the
 * {@code OTEL_BSP_*} variables configure the processor of every exporter in force.
 */
final class OtelPropertyMapping {

	static final String OTLP_EXPORTER = "otlp";

	static final String ZIPKIN_EXPORTER = "zipkin";

	private static final String RESOURCE_ATTRIBUTES = "tracekit.resource.attributes";

	private static final Map<String, String> WHOLE_NUMBER = Map.of("otel.attribute.value.length.limit",
			"tracekit.limits.attribute-value-length", "otel.attribute.count.limit", "tracekit.limits.attribute-count",
			"otel.span.attribute.value.length.limit", "tracekit.limits.span-attribute-value-length",
			"otel.span.attribute.count.limit", "tracekit.limits.span-attribute-count", "otel.span.event.count.limit",
			"tracekit.limits.event-count", "otel.span.link.count.limit", "tracekit.limits.link-count");

	// Batch processor settings, by the processor property they set on every exporter in force.
	private static final Map<String, String> BATCH = Map.of("otel.bsp.schedule.delay", "schedule-delay",
			"otel.bsp.max.queue.size", "max-queue-size", "otel.bsp.max.export.batch.size", "max-export-batch-size",
			"otel.bsp.export.timeout", "export-timeout");

	// OTLP settings with a generic (otel.exporter.otlp.X) and a traces-specific (otel.exporter.otlp.traces.X) key.
	private static final Map<String, String> OTLP = Map.of("compression", "compression", "certificate",
			"trusted-certificate", "client.key", "client-key", "client.certificate", "client-certificate");

	// Resource attributes that tracekit holds as named settings, so they keep their precedence.
	private static final Map<String, String> NAMED_RESOURCE_ATTRIBUTES = Map.of("service.name", "service-name",
			"service.version", "service-version", "service.namespace", "service-namespace", "service.instance.id",
			"service-instance-id", "deployment.environment.name", "deployment-environment");

	private final Map<String, OtelVariable> variables;

	private final List<String> configuredExporterNames;

	private final @Nullable String configuredOtlpProtocol;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private final Map<String, String> unnamableResourceAttributes = new LinkedHashMap<>();

	private List<String> exportersInForce = List.of();

	/**
	 * @param variables the OpenTelemetry settings by normalized key
	 * @param configuredExporterNames exporter names configured by other property sources
	 * @param configuredOtlpProtocol the protocol of the exporter named {@code otlp} in other
	 * property sources, if set
	 */
	OtelPropertyMapping(Map<String, OtelVariable> variables, List<String> configuredExporterNames,
			@Nullable String configuredOtlpProtocol) {
		this.variables = new LinkedHashMap<>(variables);
		// Empty means unset (the OpenTelemetry specification); blank is read the same way.
		this.variables.values().removeIf((variable) -> variable.value().isBlank());
		this.configuredExporterNames = configuredExporterNames;
		this.configuredOtlpProtocol = configuredOtlpProtocol;
	}

	/** The {@code tracekit.*} properties, values wrapped with their origins. */
	Map<String, Object> map() {
		mapSdkDisabled();
		mapServiceName();
		map("otel.traces.sampler", "tracekit.sampler.type", (variable) -> variable.value().trim());
		map("otel.traces.sampler.arg", "tracekit.sampler.ratio", OtelValues::decimal);
		WHOLE_NUMBER.forEach((key, property) -> map(key, property, OtelValues::wholeNumber));
		mapResourceAttributes();
		mapPropagators();
		List<String> exporterNames = mapExporters();
		this.exportersInForce = exporterNames;
		mapBatchSettings(exporterNames);
		if (exporterNames.contains(OTLP_EXPORTER)) {
			mapOtlp();
		}
		if (exporterNames.contains(ZIPKIN_EXPORTER)) {
			mapZipkin();
		}
		return this.properties;
	}

	/**
	 * The OTLP variables set while {@code OTEL_TRACES_EXPORTER} names no {@code otlp} exporter:
	 * as in the SDK they configure nothing, which deserves a word.
	 */
	List<OtelVariable> unusedVariables() {
		OtelVariable exporters = this.variables.get("otel.traces.exporter");
		if (exporters == null || OtelValues.list(exporters.value())
			.stream()
			.anyMatch((name) -> name.equalsIgnoreCase(OTLP_EXPORTER))) {
			return List.of();
		}
		return this.variables.values().stream().filter((variable) -> isOtlp(variable.key())).toList();
	}

	/**
	 * The Zipkin variables set while no exporter named {@code zipkin} is in force, valid once
	 * {@link #map()} has run: as in the SDK they configure nothing, which deserves a word.
	 */
	List<OtelVariable> unusedZipkinVariables() {
		if (this.exportersInForce.contains(ZIPKIN_EXPORTER)) {
			return List.of();
		}
		return this.variables.values().stream().filter((variable) -> variable.key().startsWith("otel.exporter.zipkin.")).toList();
	}

	/**
	 * {@code OTEL_RESOURCE_ATTRIBUTES} entries whose keys no Spring property name can hold (a
	 * bracket without its pair, such as {@code a]b}), valid once {@link #map()} has run. No other
	 * source can name such a key, so nothing competes with them.
	 */
	Map<String, String> unnamableResourceAttributes() {
		return this.unnamableResourceAttributes;
	}

	private void map(String key, String property, Function<OtelVariable, String> reader) {
		OtelVariable variable = this.variables.get(key);
		if (variable != null) {
			put(property, reader.apply(variable), variable);
		}
	}

	private void mapSdkDisabled() {
		OtelVariable variable = this.variables.get("otel.sdk.disabled");
		if (variable != null) {
			put("tracekit.enabled", String.valueOf(!OtelValues.bool(variable)), variable);
		}
	}

	// Taken as written, spaces included, as the SDK takes it.
	private void mapServiceName() {
		OtelVariable variable = this.variables.get("otel.service.name");
		if (variable != null) {
			put("tracekit.resource.service-name", variable.value(), variable);
		}
	}

	private void mapResourceAttributes() {
		OtelVariable variable = this.variables.get("otel.resource.attributes");
		if (variable == null) {
			return;
		}
		OtelValues.map(variable).forEach((key, encoded) -> {
			if (key.length() > 255 || !key.chars().allMatch((c) -> c >= ' ' && c <= '~')) {
				throw new InvalidOtelVariableException(variable, "has the key '" + key + "', which a resource does not"
						+ " take: a key is printable ASCII, at most 255 characters",
						"Give the attribute a key of printable ASCII characters, at most 255 of them");
			}
			String value = OtelValues.decodeResourceValue(encoded);
			String named = NAMED_RESOURCE_ATTRIBUTES.get(key);
			if (named != null) {
				if (!(key.equals("service.name") && this.variables.containsKey("otel.service.name"))) {
					put("tracekit.resource." + named, value, variable);
				}
			}
			else if (fitsPropertyName(key)) {
				put(RESOURCE_ATTRIBUTES + "[" + key + "]", value, variable);
			}
			else {
				this.unnamableResourceAttributes.put(key, value);
			}
		});
	}

	// Spring's bracket notation keeps a key as written (dots, case, spaces) unless its brackets do not pair up.
	private static boolean fitsPropertyName(String key) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(RESOURCE_ATTRIBUTES + "[" + key + "]", '.');
		return name.getNumberOfElements() == 4 && name.getElement(3, Form.ORIGINAL).equals(key);
	}

	private void mapPropagators() {
		OtelVariable variable = this.variables.get("otel.propagators");
		if (variable != null) {
			put("tracekit.propagators", String.join(",", OtelValues.list(variable.value())), variable);
		}
	}

	/** Maps OTEL_TRACES_EXPORTER and returns the names of the exporters in force. */
	private List<String> mapExporters() {
		OtelVariable variable = this.variables.get("otel.traces.exporter");
		if (variable == null) {
			List<String> names = new ArrayList<>(this.configuredExporterNames);
			// Without OTEL_TRACES_EXPORTER, an OTLP variable adds the exporter named otlp to those configured.
			if (names.isEmpty() || (!names.contains(OTLP_EXPORTER) && hasOtlpVariable())) {
				names.add(OTLP_EXPORTER);
			}
			return names;
		}
		Set<String> names = new LinkedHashSet<>();
		for (String value : OtelValues.list(variable.value())) {
			// Exporter names become map keys; one spelling per exporter.
			names.add(value.toLowerCase(Locale.ROOT));
		}
		for (String name : names) {
			// "logging" is the SDK's older name of the console exporter.
			put("tracekit.exporters." + name + ".type", name.equals("logging") ? "console" : name, variable);
		}
		// The variable names the whole set, as in the SDK: exporters configured elsewhere step aside.
		for (String configured : this.configuredExporterNames) {
			if (!names.contains(configured)) {
				put("tracekit.exporters." + configured + ".enabled", "false", variable);
			}
		}
		return new ArrayList<>(names);
	}

	private boolean hasOtlpVariable() {
		return this.variables.keySet().stream().anyMatch(OtelPropertyMapping::isOtlp);
	}

	private static boolean isOtlp(String key) {
		return key.startsWith("otel.exporter.otlp.") || key.startsWith("otel.java.exporter.otlp.");
	}

	private void mapBatchSettings(List<String> exporterNames) {
		BATCH.forEach((key, property) -> {
			OtelVariable variable = this.variables.get(key);
			if (variable != null) {
				String value = property.endsWith("size") ? OtelValues.wholeNumber(variable)
						: OtelValues.duration(variable);
				for (String name : exporterNames) {
					put("tracekit.exporters." + name + ".processor." + property, value, variable);
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
		OtelVariable timeout = otlp("timeout");
		if (timeout != null) {
			put(prefix + "timeout", OtelValues.duration(timeout), timeout);
		}
		mapHeaders(prefix);
		OtelVariable retryDisabled = this.variables.get("otel.java.exporter.otlp.retry.disabled");
		if (retryDisabled != null) {
			put(prefix + "retry", String.valueOf(!OtelValues.bool(retryDisabled)), retryDisabled);
		}
	}

	// As the SDK's Zipkin exporter provider reads them: the endpoint as given, the timeout as a duration.
	private void mapZipkin() {
		String prefix = "tracekit.exporters." + ZIPKIN_EXPORTER + ".";
		map("otel.exporter.zipkin.endpoint", prefix + "endpoint", (variable) -> variable.value().trim());
		map("otel.exporter.zipkin.timeout", prefix + "timeout", OtelValues::duration);
	}

	private void mapEndpoint(String prefix, String protocol) {
		OtelVariable specific = this.variables.get("otel.exporter.otlp.traces.endpoint");
		if (specific != null) {
			// As the SDK reads it through java.net.URL: a bare authority gets the path '/'.
			String endpoint = specific.value().trim();
			put(prefix + "endpoint", hasNoPath(endpoint) ? endpoint + "/" : endpoint, specific);
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

	private static boolean hasNoPath(String endpoint) {
		try {
			URI uri = new URI(endpoint);
			return uri.getRawAuthority() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
					&& uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			// Left as written; the exporter's settings say what is wrong with it.
			return false;
		}
	}

	private static boolean isHttp(String protocol) {
		String normalized = protocol.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		return normalized.equals("httpprotobuf");
	}

	// The traces-specific headers replace the generic ones, unless they hold no header (as in the SDK).
	private void mapHeaders(String prefix) {
		for (String key : List.of("otel.exporter.otlp.traces.headers", "otel.exporter.otlp.headers")) {
			OtelVariable variable = this.variables.get(key);
			Map<String, String> headers = (variable != null) ? OtelValues.map(variable) : Map.of();
			if (variable != null && !headers.isEmpty()) {
				headers.forEach((name, value) -> put(prefix + "headers[" + name + "]",
						OtelValues.decodeHeaderValue(variable, name, value), variable));
				return;
			}
		}
	}

	private @Nullable OtelVariable otlp(String setting) {
		OtelVariable specific = this.variables.get("otel.exporter.otlp.traces." + setting);
		return (specific != null) ? specific : this.variables.get("otel.exporter.otlp." + setting);
	}

	// Escaped, so that Spring Boot does not resolve a '${...}' in the value as a placeholder; the SDK does not.
	private void put(String property, String value, OtelVariable variable) {
		this.properties.put(property, OriginTrackedValue.of(value.replace("${", "\\${"), variable.origin()));
	}

	static Set<String> supportedKeys() {
		Set<String> keys = new LinkedHashSet<>();
		keys.addAll(WHOLE_NUMBER.keySet());
		keys.addAll(BATCH.keySet());
		keys.addAll(List.of("otel.sdk.disabled", "otel.service.name", "otel.traces.sampler", "otel.traces.sampler.arg",
				"otel.resource.attributes", "otel.propagators", "otel.traces.exporter",
				"otel.java.exporter.otlp.retry.disabled", "otel.exporter.zipkin.endpoint",
				"otel.exporter.zipkin.timeout"));
		for (String setting : List.of("protocol", "endpoint", "headers", "compression", "timeout", "certificate",
				"client.key", "client.certificate")) {
			keys.add("otel.exporter.otlp." + setting);
			keys.add("otel.exporter.otlp.traces." + setting);
		}
		return keys;
	}

}
