package dev.tracekit.benchmarks.startup;

import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;

import org.springframework.context.ApplicationContext;

/**
 * Tells whether a variant really started tracing: exactly one {@link OpenTelemetry} bean whose
 * spans record. Loaded only when the OpenTelemetry API is on the classpath.
 */
final class TracingCheck {

	private TracingCheck() {
	}

	static String describe(ApplicationContext context) {
		Map<String, OpenTelemetry> beans = context.getBeansOfType(OpenTelemetry.class);
		if (beans.size() != 1) {
			return beans.size() + "-OpenTelemetry-beans";
		}
		OpenTelemetry openTelemetry = beans.values().iterator().next();
		Span span = openTelemetry.getTracer("dev.tracekit.benchmarks.startup").spanBuilder("startup").startSpan();
		boolean recording = span.isRecording();
		span.end();
		return openTelemetry.getClass().getName() + (recording ? ",recording" : ",not-recording");
	}

}
