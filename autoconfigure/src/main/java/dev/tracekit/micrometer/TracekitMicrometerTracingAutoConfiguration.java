package dev.tracekit.micrometer;

import dev.tracekit.config.ConditionalOnTracekitEnabled;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Puts tracekit's pipeline behind Spring's own instrumentation. Spring Boot's Micrometer Tracing
 * auto-configuration builds the Micrometer {@code Tracer}, the propagator and the log correlation
 * on top of tracekit's {@code OpenTelemetry}, {@code SdkTracerProvider} and
 * {@code ContextPropagators}: its beans back off because this class orders tracekit's
 * auto-configuration before Spring Boot's. The pipeline beans Spring Boot would still add (a batch
 * processor, an OTLP exporter, its propagators) are removed by {@link SpringBootPipelineBackOff},
 * and the {@code management.*} settings they would have read are reported by
 * {@link OverriddenManagementProperties}. {@link SpanScopes} lets spans that are not
 * observations' (such as {@code @Traced} ones) parent the observations started inside them.
 */
@AutoConfiguration(afterName = "dev.tracekit.autoconfigure.TracekitAutoConfiguration",
		beforeName = { "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
				SpringBootPipelineBackOff.TRACING_AUTO_CONFIGURATION,
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration" })
@ConditionalOnClass(SdkTracerProvider.class)
public final class TracekitMicrometerTracingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = SpringBootPipelineBackOff.TRACING_AUTO_CONFIGURATION)
	static class SpringBootTracingConfiguration {

		// Static: a registry post-processor must exist before any configuration class is instantiated.
		@Bean
		static SpringBootPipelineBackOff tracekitSpringBootPipelineBackOff() {
			return new SpringBootPipelineBackOff();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OtelTracer.class)
	static class MicrometerSpanScopesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpanScopes tracekitSpanScopes(ObjectProvider<Tracer> tracer) {
			return new MicrometerSpanScopes(tracer);
		}

		@Bean
		@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
		SpanContextPropagation tracekitSpanContextPropagation(ObjectProvider<Tracer> tracer,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			return new SpanContextPropagation(tracer, observationRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.tracing.otel.bridge.OtelTracer")
	static class OpenTelemetrySpanScopesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpanScopes tracekitSpanScopes() {
			return SpanScopes.openTelemetry();
		}

	}

	@Bean
	@ConditionalOnTracekitEnabled
	OverriddenManagementProperties tracekitOverriddenManagementProperties(Environment environment) {
		return new OverriddenManagementProperties(environment);
	}

}
