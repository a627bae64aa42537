package dev.tracekit.diagnostics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Finds properties under the settings prefix that nothing binds (a typo such as
 * {@code tracekit.sampler.typ}, or {@code tracekit.exporter.main.endpoint} for
 * {@code exporters}), before any bean is created, and fails startup naming each with its origin
 * and the nearest valid key, or only warns when
 * {@code tracekit.diagnostics.unknown-properties=warn}.
 *
 * <p>
 * Spring Boot's binder ignores unknown fields; its strict mode could not be turned down to a
 * warning, so the settings are bound once more here, recording every name the binder uses.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class UnknownPropertiesCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final Log logger = LogFactory.getLog(UnknownPropertiesCheck.class);

	static final String ACTION_PROPERTY = "tracekit.diagnostics.unknown-properties";

	private final ConfigurationPropertyName prefix;

	private final Supplier<Object> settings;

	private final PropertyNamePatterns patterns;

	private @Nullable Environment environment;

	/**
	 * @param prefix the settings' prefix, such as {@code tracekit}
	 * @param settingsType the class bound to it
	 * @param settings makes a fresh instance to bind
	 */
	public UnknownPropertiesCheck(String prefix, Class<?> settingsType, Supplier<Object> settings) {
		this.prefix = ConfigurationPropertyName.of(prefix);
		this.settings = settings;
		this.patterns = PropertyNamePatterns.of(prefix, settingsType);
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		List<UnknownProperty> unknown = find(configurable);
		if (unknown.isEmpty()) {
			return;
		}
		UnknownPropertyAction action = Binder.get(configurable)
			.bind(ACTION_PROPERTY, UnknownPropertyAction.class)
			.orElse(UnknownPropertyAction.FAIL);
		if (action == UnknownPropertyAction.FAIL) {
			throw new UnknownPropertiesException(unknown);
		}
		unknown.forEach((property) -> logger.warn("tracekit: " + property.describe()
				+ "; it has no effect (" + ACTION_PROPERTY + "=warn)"));
	}

	/** The unknown properties, each once, in the order of their sources' precedence. */
	List<UnknownProperty> find(ConfigurableEnvironment environment) {
		Set<ConfigurationPropertyName> bound = boundNames(environment);
		if (bound == null) {
			return List.of();
		}
		Map<ConfigurationPropertyName, UnknownProperty> unknown = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(this.prefix::isAncestorOf).forEach((name) -> {
				if (!isBound(name, bound) && !unknown.containsKey(name)) {
					ConfigurationProperty property = source.getConfigurationProperty(name);
					Origin origin = (property != null) ? property.getOrigin() : null;
					unknown.put(name, new UnknownProperty(name.toString(), origin, this.patterns.nearest(name.toString())));
				}
			});
		}
		return new ArrayList<>(unknown.values());
	}

	// Null when binding fails: the real binding reports that value, with its own message.
	private @Nullable Set<ConfigurationPropertyName> boundNames(ConfigurableEnvironment environment) {
		Set<ConfigurationPropertyName> bound = new HashSet<>();
		try {
			Binder.get(environment).bind(this.prefix, Bindable.ofInstance(this.settings.get()), new AbstractBindHandler() {

				@Override
				public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target,
						BindContext context, Object result) {
					bound.add(name);
					return super.onSuccess(name, target, context, result);
				}

			});
			return bound;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	// An element of a bound list (a[0] beside a=x,y in a weaker source) is the list's.
	private static boolean isBound(ConfigurationPropertyName name, Set<ConfigurationPropertyName> bound) {
		for (ConfigurationPropertyName candidate = name; !candidate.isEmpty(); candidate = candidate.getParent()) {
			if (bound.contains(candidate)) {
				return candidate.equals(name) || name.isLastElementIndexed();
			}
		}
		return false;
	}

	/**
	 * A property nothing binds.
	 * @param name its name
	 * @param origin where it was set
	 * @param suggestion the nearest valid name, if any is near
	 */
	public record UnknownProperty(String name, @Nullable Origin origin, @Nullable String suggestion) {

		String describe() {
			return "unknown property '" + this.name + "'" + ((this.origin != null) ? " (" + this.origin + ")" : "")
					+ ((this.suggestion != null) ? "; did you mean '" + this.suggestion + "'?" : "");
		}

	}

}
