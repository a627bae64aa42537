package dev.tracekit.testcontext;

import java.util.List;
import java.util.Map;

import dev.tracekit.export.TracingExportSwitch;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Turns tracing export to external systems off in every test context unless the test opts in,
 * exactly as Spring Boot's test support for tracing ({@code spring-boot-micrometer-tracing-test})
 * does: it sets {@code management.tracing.export.enabled=false}, which tracekit honours by not
 * building its network exporters, unless {@code spring.test.tracing.export=true}.
 *
 * <p>
 * When Spring Boot's module is on the class path it does this itself, and also honours its
 * {@code @AutoConfigureTracing} annotation (and tracekit's {@code @AutoConfigureTracekit}, which
 * carries it); this factory then steps aside, so there is one mechanism whichever modules a
 * project has. Registered in {@code META-INF/spring.factories}, it is loaded only by Spring's
 * test framework.
 */
class TracingExportContextCustomizerFactory implements ContextCustomizerFactory {

	/** Spring Boot's property for opting a test in to tracing export. */
	static final String EXPORT_IN_TESTS_PROPERTY = "spring.test.tracing.export";

	private static final String BOOT_FACTORY = "org.springframework.boot.micrometer.tracing.test.autoconfigure.TracingContextCustomizerFactory";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (ClassUtils.isPresent(BOOT_FACTORY, testClass.getClassLoader())) {
			return null;
		}
		return new DisableTracingExport();
	}

	private static final class DisableTracingExport implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context,
				MergedContextConfiguration mergedConfig) {
			if (!context.getEnvironment().getProperty(EXPORT_IN_TESTS_PROPERTY, Boolean.class, false)) {
				context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
						TracingExportSwitch.TEST_PROPERTY_SOURCE, Map.of(TracingExportSwitch.PROPERTY, "false")));
			}
		}

		// Part of the context cache key: every instance customizes alike.
		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
