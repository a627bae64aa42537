package dev.tracekit.http;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Names and describes the spans of Spring's HTTP instrumentation by OpenTelemetry's HTTP semantic
 * conventions, unless {@code tracekit.instrumentation.http.conventions=micrometer}. Only the spans
 * change: tracing handlers ordered before Spring Boot's take the HTTP observations, whose names
 * and key values, and so the {@code http.server.requests} and {@code http.client.requests}
 * metrics, stay as Spring's conventions make them.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
@ConditionalOnClass(name = { "io.micrometer.tracing.otel.bridge.OtelSpan",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor",
		"org.springframework.http.client.observation.ClientRequestObservationContext" })
public final class HttpSpanConventionsAutoConfiguration {

	private static final String CONVENTIONS_PROPERTY = "tracekit.instrumentation.http.conventions";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ Tracer.class, Propagator.class })
	@Conditional(OpenTelemetryConventionsCondition.class)
	static class OpenTelemetryConventionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER - 1)
		OpenTelemetryServerTracingObservationHandler tracekitHttpServerTracingObservationHandler(Tracer tracer,
				Propagator propagator) {
			return new OpenTelemetryServerTracingObservationHandler(tracer, propagator, serverConventions());
		}

		@Bean
		@ConditionalOnMissingBean
		@Order(MicrometerTracingAutoConfiguration.SENDER_TRACING_OBSERVATION_HANDLER_ORDER - 1)
		OpenTelemetryClientTracingObservationHandler tracekitHttpClientTracingObservationHandler(Tracer tracer,
				Propagator propagator) {
			return new OpenTelemetryClientTracingObservationHandler(tracer, propagator, clientConventions());
		}

		// Each convention only where its Spring module is present.
		private static List<HttpSpanConvention<?>> serverConventions() {
			List<HttpSpanConvention<?>> conventions = new ArrayList<>();
			if (isPresent("jakarta.servlet.http.HttpServletRequest")) {
				conventions.add(ServletServerAttributes.convention());
			}
			if (isPresent("reactor.core.publisher.Mono")) {
				conventions.add(ReactiveServerAttributes.convention());
			}
			return conventions;
		}

		private static List<HttpSpanConvention<?>> clientConventions() {
			List<HttpSpanConvention<?>> conventions = new ArrayList<>();
			conventions.add(RestClientAttributes.convention());
			if (isPresent("org.springframework.web.reactive.function.client.ClientRequestObservationContext")) {
				conventions.add(WebClientAttributes.convention());
			}
			return conventions;
		}

		private static boolean isPresent(String className) {
			return ClassUtils.isPresent(className, HttpSpanConventionsAutoConfiguration.class.getClassLoader());
		}

	}

	/** Matches unless the conventions are set to Micrometer's. */
	static class OpenTelemetryConventionsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			HttpConventions conventions;
			try {
				conventions = Binder.get(context.getEnvironment())
					.bind(CONVENTIONS_PROPERTY, HttpConventions.class)
					.orElse(HttpConventions.OPENTELEMETRY);
			}
			catch (BindException ex) {
				// Binding the properties reports the invalid value, naming what is accepted.
				return ConditionOutcome.noMatch(CONVENTIONS_PROPERTY + " is invalid");
			}
			return (conventions == HttpConventions.OPENTELEMETRY)
					? ConditionOutcome.match(CONVENTIONS_PROPERTY + " is opentelemetry")
					: ConditionOutcome.noMatch(CONVENTIONS_PROPERTY + " is " + conventions);
		}

	}

}
