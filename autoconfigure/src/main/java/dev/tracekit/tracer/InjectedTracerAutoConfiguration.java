package dev.tracekit.tracer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.resources.Resource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.util.ClassUtils;

/**
 * Lets a bean inject an OpenTelemetry {@link Tracer} named after the class it is injected into
 * (or by {@link dev.tracekit.annotation.TracerName}), with the application's version: the
 * {@code service.version} of tracekit's resource. Backs off when the application defines a
 * {@code Tracer} bean of its own.
 */
// Before Spring Boot's Micrometer bridge, whose own Tracer bean backs off from this one.
@AutoConfiguration(afterName = "dev.tracekit.autoconfigure.TracekitAutoConfiguration",
		beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass(OpenTelemetry.class)
public final class InjectedTracerAutoConfiguration {

	private static final String SDK_RESOURCE = "io.opentelemetry.sdk.resources.Resource";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Tracer.class)
	static class InjectedTracerConfiguration {

		// A prototype resolved per injection point, the way Spring resolves loggers. Looked up
		// without one (getBean(Tracer.class)) it fails: use OpenTelemetry.getTracer(name) there.
		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		Tracer tracekitTracer(InjectionPoint injectionPoint, InjectedTracers tracers) {
			return tracers.tracerFor(injectionPoint);
		}

		@Bean
		InjectedTracers tracekitInjectedTracers(ObjectProvider<OpenTelemetry> openTelemetry,
				ListableBeanFactory beanFactory) {
			return new InjectedTracers(openTelemetry::getObject, () -> serviceVersion(beanFactory));
		}

	}

	private static @Nullable String serviceVersion(ListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent(SDK_RESOURCE, InjectedTracerAutoConfiguration.class.getClassLoader())) {
			return null;
		}
		return ResourceVersion.of(beanFactory);
	}

	/** Reads the SDK's resource; loaded only when the SDK is on the classpath. */
	private static final class ResourceVersion {

		static @Nullable String of(ListableBeanFactory beanFactory) {
			Resource resource = beanFactory.getBeanProvider(Resource.class).getIfUnique();
			return (resource != null) ? resource.getAttribute(AttributeKey.stringKey("service.version")) : null;
		}

	}

}
