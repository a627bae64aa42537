package dev.tracekit.export;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Spring Boot's switch for sending traces to external systems,
 * {@code management.tracing.export.enabled}, as tracekit honours it: when {@code false}, the
 * exporters that send over the network (OTLP, Zipkin) are not built; console exporters and the
 * application's own {@code SpanExporter} beans (such as an in-memory one in a test) are.
 *
 * <p>
 * Spring Boot's test support sets it to {@code false} in every test that does not opt in, and so
 * does tracekit's when Spring Boot's is absent, which is what keeps tests from connecting to a
 * collector that is not there.
 * @param enabled whether network exporters are built
 * @param source the name of the property source that turned them off, if any
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public record TracingExportSwitch(boolean enabled, @Nullable String source) {

	/** Spring Boot's property. */
	public static final String PROPERTY = "management.tracing.export.enabled";

	/** The name of the property source through which tracekit's test support turns export off. */
	public static final String TEST_PROPERTY_SOURCE = "tracekitTestTracingExport";

	// Where Spring Boot's test support (TestPropertyValues) puts it.
	private static final String BOOT_TEST_PROPERTY_SOURCE = "test";

	/** Exporters are built as configured. */
	public static final TracingExportSwitch ON = new TracingExportSwitch(true, null);

	public static TracingExportSwitch from(Environment environment) {
		if (environment.getProperty(PROPERTY, Boolean.class, true)) {
			return ON;
		}
		return new TracingExportSwitch(false, sourceOf(environment));
	}

	private static @Nullable String sourceOf(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				// Spring Boot's attached source wraps all the others: name the one that set it.
				if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
						&& source.containsProperty(PROPERTY)) {
					return source.getName();
				}
			}
		}
		return null;
	}

	/** Whether this exporter is built. */
	public boolean builds(ExporterProperties exporter) {
		return this.enabled || !exporter.getType().isNetwork();
	}

	/** The exporters to build. */
	public Map<String, ExporterProperties> filter(Map<String, ExporterProperties> exporters) {
		Map<String, ExporterProperties> built = new LinkedHashMap<>();
		exporters.forEach((name, exporter) -> {
			if (builds(exporter)) {
				built.put(name, exporter);
			}
		});
		return built;
	}

	/** The exporters not built, by name, each with where it would have sent and why it does not. */
	public Map<String, String> switchedOff(Map<String, ExporterProperties> exporters) {
		Map<String, String> off = new LinkedHashMap<>();
		exporters.forEach((name, exporter) -> {
			if (!builds(exporter)) {
				off.put(name, ExportPipelinesFactory.describe(exporter) + ": off, " + reason());
			}
		});
		return off;
	}

	private String reason() {
		if (TEST_PROPERTY_SOURCE.equals(this.source) || BOOT_TEST_PROPERTY_SOURCE.equals(this.source)) {
			return "as in every test that does not opt in (" + PROPERTY + "=false, set by Spring's test support;"
					+ " opt in with @AutoConfigureTracekit(exporters = true), @AutoConfigureTracing or"
					+ " spring.test.tracing.export=true)";
		}
		return PROPERTY + "=false" + ((this.source != null) ? " (" + this.source + ")" : "");
	}

}
