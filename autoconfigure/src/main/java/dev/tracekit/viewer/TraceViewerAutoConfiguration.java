package dev.tracekit.viewer;

import dev.tracekit.export.ExportPipelines;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trace viewer, when {@code tracekit.viewer.enabled=true} and tracekit builds the pipeline:
 * the recent traces kept in memory, and the {@code traces} endpoint that serves them and the page
 * that draws them. Both exist only while the endpoint is available over HTTP (enabled and exposed,
 * per {@code management.endpoints.*}); otherwise nothing is kept and a warning says why.
 */
// The settings come from TracekitProperties as a bean of their own, so this package never imports
// the auto-configuration package.
@AutoConfiguration(afterName = "dev.tracekit.autoconfigure.TracekitAutoConfiguration")
@ConditionalOnClass(SdkTracerProvider.class)
@ConditionalOnBooleanProperty("tracekit.viewer.enabled")
@ConditionalOnBean(ExportPipelines.class)
public final class TraceViewerAutoConfiguration {

	private static final EndpointId ENDPOINT = EndpointId.of("traces");

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebEndpoint.class, ConditionalOnAvailableEndpoint.class })
	static class ActuatorConfiguration {

		@Bean
		TraceViewerStartupLog tracekitTraceViewerStartupLog(ObjectProvider<RecentTraces> recentTraces,
				ObjectProvider<PathMappedEndpoints> endpoints, TraceViewerProperties properties) {
			return TraceViewerStartupLog.of(() -> {
				PathMappedEndpoints paths = endpoints.getIfAvailable();
				return (recentTraces.getIfAvailable() != null && paths != null) ? paths.getPath(ENDPOINT) : null;
			}, properties);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnAvailableEndpoint(TraceViewerEndpoint.class)
		static class EndpointConfiguration {

			@Bean
			@ConditionalOnMissingBean
			RecentTraces tracekitRecentTraces(TraceViewerProperties properties) {
				return new RecentTraces(properties);
			}

			// Joins tracekit's tracer provider like any SpanProcessor bean; the provider's
			// lifecycle flushes and shuts it down, in order, so Spring must not close it first.
			@Bean(destroyMethod = "")
			SpanProcessor tracekitRecentTracesSpanProcessor(RecentTraces recentTraces) {
				return recentTraces.processor();
			}

			@Bean
			@ConditionalOnMissingBean
			TraceViewerEndpoint tracekitTraceViewerEndpoint(RecentTraces recentTraces) {
				return new TraceViewerEndpoint(recentTraces);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint")
	static class WithoutActuatorConfiguration {

		@Bean
		TraceViewerStartupLog tracekitTraceViewerStartupLog() {
			return TraceViewerStartupLog.withoutActuator();
		}

	}

}
