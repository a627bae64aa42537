package dev.tracekit.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
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
		Map<String, Object> mapped = new OtelPropertyMapping(variables, configuredExporterNames(environment),
				otlpProtocol).map();
		environment.getPropertySources().addFirst(new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, mapped, true));
	}

	/** The supported variables, by normalized key; a system property wins over an environment variable. */
	static Map<String, OtelVariable> variables(ConfigurableEnvironment environment) {
		Set<String> supported = OtelPropertyMapping.supportedKeys();
		Map<String, OtelVariable> variables = new LinkedHashMap<>();
		collect(environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME),
				"OTEL_", true, supported, variables);
		collect(environment.getPropertySources().get(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME),
				"otel.", false, supported, variables);
		return variables;
	}

	private static void collect(@Nullable PropertySource<?> source, String prefix, boolean environmentVariable,
			Set<String> supported, Map<String, OtelVariable> into) {
		if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
			return;
		}
		for (String name : enumerable.getPropertyNames()) {
			if (!name.startsWith(prefix)) {
				continue;
			}
			String key = OtelVariable.normalize(name);
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
