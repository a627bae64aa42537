package dev.tracekit.traced;

import dev.tracekit.config.ConditionalOnTracekitEnabled;
import dev.tracekit.micrometer.SpanScopes;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * Traces bean methods annotated with {@link dev.tracekit.annotation.Traced} or OpenTelemetry's
 * {@code @WithSpan}, using the context's {@link OpenTelemetry}. Turned off with
 * {@code tracekit.annotations.enabled=false}, and with {@code tracekit.enabled=false}: a disabled
 * tracekit leaves no proxy behind, so annotated methods cost what plain calls cost.
 */
// Ordered by name: the auto-configuration package depends on this one, never the reverse.
@AutoConfiguration(afterName = "dev.tracekit.autoconfigure.TracekitAutoConfiguration")
@ConditionalOnBean(OpenTelemetry.class)
@ConditionalOnTracekitEnabled
@ConditionalOnBooleanProperty(name = "tracekit.annotations.enabled", matchIfMissing = true)
@Import(AutoProxyCreatorRegistrar.class)
public final class TracedAutoConfiguration {

	// Static, infrastructure and lazy in its collaborators: the auto-proxy creator builds advisors
	// while other post-processors are still being created, and resolving the pipeline then would
	// create the exporters too early for them to be post-processed themselves.
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static TracedAdvisor tracekitTracedAdvisor(ObjectProvider<OpenTelemetry> openTelemetry,
			ObjectProvider<SpanScopes> spanScopes, BeanFactory beanFactory) {
		TracedMethods methods = new TracedMethods();
		return new TracedAdvisor(methods, new TracedInterceptor(methods, openTelemetry::getObject,
				PipelineFlush.of(beanFactory), () -> spanScopes.getIfAvailable(SpanScopes::openTelemetry)));
	}

	@Bean
	UninterceptableTracedMethods tracekitUninterceptableTracedMethods(ConfigurableListableBeanFactory beanFactory) {
		return new UninterceptableTracedMethods(beanFactory);
	}

}
