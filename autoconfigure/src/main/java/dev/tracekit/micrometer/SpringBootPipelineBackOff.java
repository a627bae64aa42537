package dev.tracekit.micrometer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Keeps Spring Boot's OpenTelemetry tracing auto-configuration from adding a second pipeline next
 * to tracekit's.
 *
 * <p>
 * Most of Spring Boot's beans back off because tracekit's exist first, but a few are defined
 * whatever the context holds, and tracekit would take them in as user beans: its
 * {@code BatchSpanProcessor} (a second processor, which would export every user
 * {@code SpanExporter} twice), the OTLP {@code SpanExporter} built from
 * {@code management.opentelemetry.tracing.export.otlp.*} (or from {@code OTEL_EXPORTER_OTLP_*}),
 * and the {@code TextMapPropagator} built from {@code management.tracing.propagation.*}, which
 * would inject W3C headers whatever {@code tracekit.propagators} says. When tracekit is disabled,
 * Spring Boot's {@code SdkTracerProvider}, sampler and limits would be built for nothing.
 *
 * <p>
 * This post-processor removes the definitions of those pipeline types declared by Spring Boot's
 * OpenTelemetry tracing and OTLP tracing auto-configurations, before any bean is created. The
 * Micrometer Tracing bridge beans of the same auto-configuration (the Micrometer {@code Tracer},
 * its propagator, the MDC listeners) stay. Spring Boot's Zipkin exporter ({@code spring-boot-zipkin})
 * stays too and joins tracekit's pipeline like any {@code SpanExporter} bean; tracekit's own is the
 * {@code zipkin} exporter type.
 *
 * <p>
 * Spring Boot's OpenTelemetry logging pipeline (logger provider, batch log processor and its
 * thread) is removed too when the context defines no {@code LogRecordExporter}: with nothing to
 * export to, it would only idle, also when tracekit is disabled. With an exporter it stays, and
 * tracekit's {@code OpenTelemetry} bean carries its logger provider.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class SpringBootPipelineBackOff implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {

	static final String TRACING_AUTO_CONFIGURATION = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

	private static final Log logger = LogFactory.getLog(SpringBootPipelineBackOff.class);

	private static final Set<String> SPRING_BOOT_PACKAGES = Set.of(
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp");

	private static final List<Class<?>> PIPELINE_TYPES = List.of(SdkTracerProvider.class, Sampler.class,
			SpanLimits.class, SpanProcessor.class, SpanExporter.class, TextMapPropagator.class);

	private static final Set<String> SPRING_BOOT_LOGGING_PACKAGES = Set.of(
			"org.springframework.boot.opentelemetry.autoconfigure.logging");

	private static final List<Class<?>> LOGGING_PIPELINE_TYPES = List.of(SdkLoggerProvider.class,
			LogRecordProcessor.class, LogLimits.class);

	private @Nullable ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

	private final List<String> removed = new ArrayList<>();

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		boolean exportsLogs = Arrays.stream(registry.getBeanDefinitionNames())
			.anyMatch((name) -> isOfType(registry.getBeanDefinition(name), LogRecordExporter.class));
		for (String name : registry.getBeanDefinitionNames()) {
			BeanDefinition definition = registry.getBeanDefinition(name);
			if (isDeclaredIn(definition, SPRING_BOOT_PACKAGES, PIPELINE_TYPES)
					|| (!exportsLogs && isDeclaredIn(definition, SPRING_BOOT_LOGGING_PACKAGES, LOGGING_PIPELINE_TYPES))) {
				registry.removeBeanDefinition(name);
				this.removed.add(name);
			}
		}
		if (!this.removed.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("tracekit builds the tracing pipeline; removed Spring Boot's pipeline beans " + this.removed);
		}
	}

	/** The names of the bean definitions removed, for diagnostics. */
	public List<String> removedBeanNames() {
		return List.copyOf(this.removed);
	}

	private boolean isDeclaredIn(BeanDefinition definition, Set<String> packages, List<Class<?>> types) {
		if (!(definition instanceof AnnotatedBeanDefinition annotated)) {
			return false;
		}
		MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
		if (factoryMethod == null || !packages.contains(ClassUtils.getPackageName(factoryMethod.getDeclaringClassName()))) {
			return false;
		}
		Class<?> type = load(factoryMethod.getReturnTypeName());
		return type != null && types.stream().anyMatch((pipelineType) -> pipelineType.isAssignableFrom(type));
	}

	// A @Bean method's declared return type, or a scanned or registered bean's class.
	private boolean isOfType(BeanDefinition definition, Class<?> wanted) {
		String typeName = null;
		if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
			typeName = annotated.getFactoryMethodMetadata().getReturnTypeName();
		}
		else if (definition.getBeanClassName() != null) {
			typeName = definition.getBeanClassName();
		}
		Class<?> type = (typeName != null) ? load(typeName) : null;
		if (type == null && definition instanceof AbstractBeanDefinition abstractDefinition
				&& abstractDefinition.hasBeanClass()) {
			type = abstractDefinition.getBeanClass();
		}
		return type != null && wanted.isAssignableFrom(type);
	}

	private @Nullable Class<?> load(String className) {
		try {
			return ClassUtils.forName(className, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}
