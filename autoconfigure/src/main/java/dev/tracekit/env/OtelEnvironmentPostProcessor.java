package dev.tracekit.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tracekit.config.ConfigurationWarning;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps the OpenTelemetry SDK's trace variables ({@code OTEL_*} environment variables and
 * {@code otel.*} system properties) into the {@code tracekit.*} model, ahead of every other
 * source: a system property beats an environment variable, and both beat {@code application.yml}
 * and the other Spring sources. It runs after the config data is loaded, so it can see which
 * exporters {@code application.yml} names.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class OtelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source that holds the mapped values. */
	public static final String PROPERTY_SOURCE_NAME = "tracekitOtelVariables";

	// After ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10), which loads application.yml.
	private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private static final ConfigurationPropertyName EXPORTERS = ConfigurationPropertyName.of("tracekit.exporters");

	// Outside tracekit.* on purpose: a value for the resource factory, not a setting anyone writes.
	private static final String UNNAMABLE_RESOURCE_ATTRIBUTES = "dev.tracekit.env.unnamable-resource-attributes";

	private final Log logger;

	public OtelEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(OtelEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, OtelVariable> variables = variables(environment);
		if (variables.isEmpty()) {
			return;
		}
		String otlpProtocol = environment.getProperty("tracekit.exporters." + OtelPropertyMapping.OTLP_EXPORTER + ".protocol");
		OtelPropertyMapping mapping = new OtelPropertyMapping(variables, configuredExporterNames(environment),
				otlpProtocol);
		Map<String, Object> mapped = new LinkedHashMap<>(mapping.map());
		if (!mapping.unnamableResourceAttributes().isEmpty()) {
			mapped.put(UNNAMABLE_RESOURCE_ATTRIBUTES, Map.copyOf(mapping.unnamableResourceAttributes()));
		}
		environment.getPropertySources().addFirst(new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, mapped, true));
		warnOfUnusedVariables(mapping.unusedVariables(), variables.get("otel.traces.exporter"), environment);
		List<OtelVariable> unusedZipkin = mapping.unusedZipkinVariables();
		if (!unusedZipkin.isEmpty()) {
			warn(new ConfigurationWarning("otel-unused", unusedZipkin.stream()
				.map(OtelVariable::source)
				.collect(Collectors.joining(", "))
					+ " set, but no exporter named zipkin is in force (OTEL_TRACES_EXPORTER or tracekit.exporters), so"
					+ " the Zipkin settings are not used (as in the OpenTelemetry SDK). Add zipkin to"
					+ " OTEL_TRACES_EXPORTER or remove them."), environment);
		}
	}

	private void warnOfUnusedVariables(List<OtelVariable> unused, @Nullable OtelVariable exporters,
			ConfigurableEnvironment environment) {
		if (unused.isEmpty() || exporters == null) {
			return;
		}
		ConfigurationWarning warning = new ConfigurationWarning("otel-unused", unused.stream()
			.map(OtelVariable::source)
			.collect(Collectors.joining(", ")) + " set, but " + exporters.source() + "=" + exporters.value()
				+ " names no otlp exporter, so the OTLP settings are not used (as in the OpenTelemetry SDK)."
				+ " Add otlp to " + exporters.source() + " or remove them.");
		warn(warning, environment);
	}

	private void warn(ConfigurationWarning warning, ConfigurableEnvironment environment) {
		List<String> acknowledged = Binder.get(environment)
			.bind("tracekit.diagnostics.acknowledged-warnings", Bindable.listOf(String.class))
			.orElse(List.of());
		if (!acknowledged.contains(warning.id())) {
			this.logger.warn(warning.render());
		}
	}

	/**
	 * The {@code OTEL_RESOURCE_ATTRIBUTES} entries whose keys no Spring property name can hold,
	 * such as {@code a]b}: they reach the resource through here instead of
	 * {@code tracekit.resource.attributes}, where Spring would change the key. Internal.
	 * @param environment the application's environment
	 * @return the attributes, often none
	 */
	public static Attributes unnamableResourceAttributes(Environment environment) {
		AttributesBuilder attributes = Attributes.builder();
		if (environment instanceof ConfigurableEnvironment configurable) {
			PropertySource<?> source = configurable.getPropertySources().get(PROPERTY_SOURCE_NAME);
			if (source != null && source.getProperty(UNNAMABLE_RESOURCE_ATTRIBUTES) instanceof Map<?, ?> map) {
				map.forEach((key, value) -> attributes.put(String.valueOf(key), String.valueOf(value)));
			}
		}
		return attributes.build();
	}

	/**
	 * The supported settings by normalized key. Names are matched as the SDK matches them, in any
	 * case; a system property wins over an environment variable, even when it is empty.
	 */
	static Map<String, OtelVariable> variables(ConfigurableEnvironment environment) {
		Map<String, OtelVariable> variables = new LinkedHashMap<>();
		collect(environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME), true,
				variables);
		collect(environment.getPropertySources().get(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME), false,
				variables);
		return variables;
	}

	private static void collect(@Nullable PropertySource<?> source, boolean environmentVariable,
			Map<String, OtelVariable> into) {
		if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
			return;
		}
		Set<String> supported = OtelPropertyMapping.supportedKeys();
		for (String name : enumerable.getPropertyNames()) {
			String key = environmentVariable ? OtelVariable.normalizeEnvironmentVariable(name)
					: OtelVariable.normalizeSystemProperty(name);
			Object value = enumerable.getProperty(name);
			if (supported.contains(key) && value != null) {
				into.put(key, new OtelVariable(key, name, value.toString(), environmentVariable));
			}
		}
	}

	/** Exporter names under {@code tracekit.exporters} in the sources loaded so far, as written. */
	static List<String> configuredExporterNames(ConfigurableEnvironment environment) {
		Set<String> names = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(EXPORTERS::isAncestorOf)
					.forEach((name) -> names.add(name.getElement(EXPORTERS.getNumberOfElements(), Form.ORIGINAL)));
			}
		}
		return new ArrayList<>(names);
	}

}
