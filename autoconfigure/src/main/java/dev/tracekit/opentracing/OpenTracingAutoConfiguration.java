package dev.tracekit.opentracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentracing.Tracer;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An OpenTracing {@link Tracer} for code written against OpenTracing, backed by the context's
 * {@link OpenTelemetry} through OpenTelemetry's OpenTracing shim: its spans, scopes and
 * inject/extract share the OpenTelemetry context and tracekit's propagators, so OpenTracing spans
 * and tracekit's nest in one trace. Registered as OpenTracing's {@code GlobalTracer} too.
 */
@AutoConfiguration(afterName = "dev.tracekit.autoconfigure.TracekitAutoConfiguration")
@ConditionalOnClass(name = "io.opentracing.Tracer")
@ConditionalOnBooleanProperty(name = "tracekit.opentracing.enabled", matchIfMissing = true)
public final class OpenTracingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OpenTracingShim.class)
	@ConditionalOnBean(OpenTelemetry.class)
	static class ShimConfiguration {

		// tracekit's lifecycle owns the pipeline's shutdown; the shim has nothing else to close.
		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		Tracer tracekitOpenTracingTracer(OpenTelemetry openTelemetry) {
			return OpenTracingShim.createTracerShim(openTelemetry);
		}

		@Bean
		@ConditionalOnClass(name = "io.opentracing.util.GlobalTracer")
		@ConditionalOnBooleanProperty(name = "tracekit.opentracing.register-global-tracer", matchIfMissing = true)
		@ConditionalOnMissingBean
		GlobalTracerRegistration tracekitGlobalTracerRegistration(Tracer tracer) {
			return new GlobalTracerRegistration(tracer);
		}

	}

	// OpenTracing code is present but nothing connects it to tracekit: say so rather than leave it a no-op.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.opentelemetry.opentracingshim.OpenTracingShim")
	static class MissingShimConfiguration {

		@Bean
		InitializingBean tracekitMissingOpenTracingShimWarning() {
			return () -> LogFactory.getLog(OpenTracingAutoConfiguration.class)
				.warn("tracekit: opentracing-api is on the classpath but opentelemetry-opentracing-shim is not, so"
						+ " OpenTracing code does not trace through tracekit. Add the dependency"
						+ " io.opentelemetry:opentelemetry-opentracing-shim (its version is managed by Spring Boot),"
						+ " or set tracekit.opentracing.enabled=false.");
		}

	}

}
