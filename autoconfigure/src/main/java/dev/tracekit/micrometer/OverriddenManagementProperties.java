package dev.tracekit.micrometer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Reports, once at startup, each Spring Boot {@code management.*} tracing setting that tracekit's
 * pipeline replaces, with the {@code tracekit.*} property to use instead. Spring Boot's sampler,
 * exporter, propagators and resource back off (or are removed) when tracekit is on, so such a
 * setting would otherwise be silently ignored. {@code management.tracing.export.enabled} is not
 * among them: tracekit honours it (see {@code TracingExportSwitch}).
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class OverriddenManagementProperties implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(OverriddenManagementProperties.class);

	// Spring Boot's mapping of OTEL_* variables to management.* properties: tracekit reads OTEL_*
	// itself, so a key from there is honoured, not overridden.
	private static final String OTEL_ENVIRONMENT_VARIABLES_SOURCE = "openTelemetryEnvironmentVariables";

	private static final String ATTACHED_SOURCE = "configurationProperties";

	private static final String EXPORTER = "tracekit.exporters.<name>.";

	// Most specific first: the first rule whose name is the key or one of its ancestors wins.
	private static final List<Rule> RULES = List.of(new Rule("management.opentelemetry.enabled", "tracekit.enabled"),
			new Rule("management.opentelemetry.resource-attributes", "tracekit.resource.*"),
			new Rule("management.opentelemetry.tracing.sampler", "tracekit.sampler.type"),
			new Rule("management.tracing.sampling.probability", "tracekit.sampler.type and tracekit.sampler.ratio"),
			new Rule("management.opentelemetry.tracing.limits", "tracekit.limits.*"),
			new Rule("management.opentelemetry.tracing.export.otlp.endpoint", EXPORTER + "endpoint"),
			new Rule("management.opentelemetry.tracing.export.otlp.transport", EXPORTER + "protocol"),
			new Rule("management.opentelemetry.tracing.export.otlp.headers", EXPORTER + "headers.*"),
			new Rule("management.opentelemetry.tracing.export.otlp.compression", EXPORTER + "compression"),
			new Rule("management.opentelemetry.tracing.export.otlp.timeout", EXPORTER + "timeout"),
			new Rule("management.opentelemetry.tracing.export.otlp.connect-timeout", EXPORTER + "timeout"),
			new Rule("management.opentelemetry.tracing.export.otlp.ssl",
					EXPORTER + "ssl.bundle (or trusted-certificate, client-certificate and client-key)"),
			new Rule("management.opentelemetry.tracing.export", EXPORTER + "processor.*"),
			new Rule("management.tracing.export.otlp.enabled", EXPORTER + "type=none"),
			new Rule("management.tracing.propagation", "tracekit.propagators"),
			new Rule("management.tracing.baggage.enabled", "tracekit.propagators (with or without baggage)"));

	private final List<String> warnings;

	public OverriddenManagementProperties(Environment environment) {
		this.warnings = findWarnings(environment);
	}

	/** One line per overridden setting, as logged. */
	public List<String> warnings() {
		return this.warnings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.warnings.forEach(logger::warn);
	}

	private static List<String> findWarnings(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return List.of();
		}
		Map<ConfigurationPropertyName, @Nullable Origin> overridden = new LinkedHashMap<>();
		for (PropertySource<?> propertySource : configurable.getPropertySources()) {
			String sourceName = propertySource.getName();
			if (sourceName.equals(ATTACHED_SOURCE) || sourceName.equals(OTEL_ENVIRONMENT_VARIABLES_SOURCE)) {
				continue;
			}
			if (ConfigurationPropertySource.from(propertySource) instanceof IterableConfigurationPropertySource source) {
				source.stream()
					.filter((name) -> rule(name) != null)
					.forEach((name) -> overridden.computeIfAbsent(name, (key) -> origin(source, key)));
			}
		}
		List<String> warnings = new ArrayList<>();
		overridden.forEach((name, origin) -> warnings.add(warning(name, origin)));
		return List.copyOf(warnings);
	}

	private static @Nullable Origin origin(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		ConfigurationProperty property = source.getConfigurationProperty(name);
		return (property != null) ? property.getOrigin() : null;
	}

	private static String warning(ConfigurationPropertyName name, @Nullable Origin origin) {
		Rule rule = rule(name);
		String from = (origin != null) ? " (" + origin + ")" : "";
		return "tracekit builds the tracing pipeline, so '" + name + "'" + from + " has no effect; use "
				+ ((rule != null) ? rule.replacement() : "tracekit.*") + " instead";
	}

	private static @Nullable Rule rule(ConfigurationPropertyName name) {
		for (Rule rule : RULES) {
			if (rule.name().equals(name) || rule.name().isAncestorOf(name)) {
				return rule;
			}
		}
		return null;
	}

	private record Rule(ConfigurationPropertyName name, String replacement) {

		Rule(String name, String replacement) {
			this(ConfigurationPropertyName.of(name), replacement);
		}

	}

}
