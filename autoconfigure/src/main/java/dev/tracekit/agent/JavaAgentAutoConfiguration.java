package dev.tracekit.agent;

import dev.tracekit.config.ConditionalOnTracekitEnabled;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * With the OpenTelemetry Java agent active, one tracing setup: the agent's. The context's
 * {@link OpenTelemetry} and {@link ContextPropagators} are the agent's (its
 * {@code GlobalOpenTelemetry}), so {@code @Traced} and Spring Boot's Micrometer Tracing bridge
 * trace through the agent; tracekit's own pipeline ({@code TracekitAutoConfiguration}) is not
 * built. {@code tracekit.agent.mode=ignore} turns this off.
 */
@AutoConfiguration(beforeName = { "dev.tracekit.autoconfigure.TracekitAutoConfiguration",
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(OpenTelemetry.class)
@ConditionalOnTracekitEnabled
@ConditionalOnJavaAgent
public final class JavaAgentAutoConfiguration {

	// The agent instruments GlobalOpenTelemetry to hand out its own instance; it owns its shutdown.
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	OpenTelemetry tracekitOpenTelemetry() {
		return GlobalOpenTelemetry.get();
	}

	@Bean
	@ConditionalOnMissingBean
	ContextPropagators tracekitAgentPropagators(OpenTelemetry openTelemetry) {
		return openTelemetry.getPropagators();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "tracekit.diagnostics.startup-report", matchIfMissing = true)
	JavaAgentReport tracekitJavaAgentReport() {
		return new JavaAgentReport(JavaAgent.current());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TracingObservationHandler.class)
	static class MicrometerTracingConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		AgentTracedObservations tracekitAgentTracedObservations(ObjectProvider<Tracer> tracer) {
			return new AgentTracedObservations(() -> tracer.getIfAvailable(() -> Tracer.NOOP));
		}

	}

}
