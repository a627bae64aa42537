package dev.tracekit.actuate;

import dev.tracekit.diagnostics.PipelineDescriber;
import dev.tracekit.export.ExportPipelines;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationPredicate;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Export health for Spring Boot Actuator and Micrometer, each part present only when its library
 * is: the {@code tracing} health indicator ({@code management.health.tracing.enabled}), the
 * {@code tracekit} endpoint (when available, per {@code management.endpoints.*}), the export
 * counters as meters (when there is a {@link MeterRegistry}), and actuator requests kept out of the
 * traces ({@code tracekit.actuator.trace-requests=true} keeps them in). These read tracekit's
 * {@link ExportPipelines}; without them (tracing disabled, or the application's own tracer
 * provider) they are not added. Exporter header values are masked in {@code /actuator/configprops}
 * and {@code /actuator/env} in every case.
 */
@AutoConfiguration(afterName = { "dev.tracekit.autoconfigure.TracekitAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(SdkTracerProvider.class)
public final class TracekitActuatorAutoConfiguration {

	private static final String SERVLET_CONTEXT = "org.springframework.http.server.observation.ServerRequestObservationContext";

	private static final String REACTIVE_CONTEXT = "org.springframework.http.server.reactive.observation.ServerRequestObservationContext";

	// Conditions from optional modules sit on the bean methods: a class's conditions are all
	// instantiated before its @ConditionalOnClass is evaluated.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean(ExportPipelines.class)
	static class HealthConfiguration {

		// The health registry names a contributor after its bean, less the "HealthIndicator" suffix.
		@Bean
		@ConditionalOnMissingBean(name = "tracingHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("tracing")
		TracingHealthIndicator tracingHealthIndicator(ExportPipelines pipelines) {
			return new TracingHealthIndicator(pipelines);
		}

	}

	// Independent of the pipeline: header values are secrets whether or not tracekit is on.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		SanitizingFunction tracekitHeaderValueSanitizer() {
			return new HeaderValueSanitizer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	@ConditionalOnBean(ExportPipelines.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(PipelineDescriber.class)
		@ConditionalOnAvailableEndpoint
		TracekitEndpoint tracekitEndpoint(PipelineDescriber describer) {
			return new TracekitEndpoint(describer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean({ MeterRegistry.class, ExportPipelines.class })
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExportPipelineMetrics tracekitExportPipelineMetrics(ExportPipelines pipelines) {
			return new ExportPipelineMetrics(pipelines);
		}

	}

	// Probes and scrapes every few seconds would otherwise become traces, exported and counted by
	// the very pipeline the health check reports on.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ObservationPredicate.class })
	@ConditionalOnBooleanProperty(name = "tracekit.actuator.trace-requests", havingValue = false,
			matchIfMissing = true)
	@ConditionalOnBean(ExportPipelines.class)
	static class ActuatorRequestsConfiguration {

		@Bean
		@ConditionalOnClass(name = { SERVLET_CONTEXT, "jakarta.servlet.http.HttpServletRequest" })
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		ObservationPredicate tracekitActuatorRequestsObservationPredicate(Environment environment) {
			return new ServletActuatorRequestsObservationPredicate(actuatorPath(environment));
		}

		@Bean
		@ConditionalOnClass(name = REACTIVE_CONTEXT)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		ObservationPredicate tracekitReactiveActuatorRequestsObservationPredicate(Environment environment) {
			return new ReactiveActuatorRequestsObservationPredicate(actuatorPath(environment));
		}

		private static ActuatorPath actuatorPath(Environment environment) {
			return new ActuatorPath(Binder.get(environment)
				.bind("management.endpoints.web.base-path", String.class)
				.orElse("/actuator"));
		}

	}

}
