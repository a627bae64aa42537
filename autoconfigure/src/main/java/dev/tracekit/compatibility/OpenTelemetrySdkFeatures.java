package dev.tracekit.compatibility;

import java.util.function.Supplier;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessorBuilder;

import org.springframework.util.ClassUtils;

/**
 * The SDK settings tracekit uses that the oldest supported OpenTelemetry line (1.55, managed by
 * Spring Boot 4.0) lacks, applied only where the SDK on the classpath has them. Each is looked up
 * once; a call to a method the SDK lacks is never made, so it is never linked.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class OpenTelemetrySdkFeatures {

	private static final boolean TRACER_PROVIDER_METRICS = ClassUtils.hasMethod(SdkTracerProviderBuilder.class,
			"setMeterProvider", Supplier.class);

	private static final boolean SIMPLE_PROCESSOR_METRICS = ClassUtils.hasMethod(SimpleSpanProcessorBuilder.class,
			"setMeterProvider", Supplier.class);

	private static final boolean PROCESSOR_TELEMETRY_VERSION = ClassUtils.hasMethod(BatchSpanProcessorBuilder.class,
			"setInternalTelemetryVersion", InternalTelemetryVersion.class);

	private OpenTelemetrySdkFeatures() {
	}

	/**
	 * Keeps the tracer provider's own metrics (an SDK of 1.62 has them, 1.55 none) off
	 * {@code GlobalOpenTelemetry}: left at its default, the provider reads the global and so fixes
	 * it before tracekit registers its own.
	 * @param builder the tracer provider's builder
	 */
	public static void withoutTracerProviderMetrics(SdkTracerProviderBuilder builder) {
		if (TRACER_PROVIDER_METRICS) {
			builder.setMeterProvider(MeterProvider::noop);
		}
	}

	/**
	 * Keeps a simple processor's own metrics (1.62; 1.55 has none) off {@code GlobalOpenTelemetry},
	 * for the same reason.
	 * @param builder the processor's builder
	 */
	public static void withoutSimpleProcessorMetrics(SimpleSpanProcessorBuilder builder) {
		if (SIMPLE_PROCESSOR_METRICS) {
			builder.setMeterProvider(MeterProvider::noop);
		}
	}

	/**
	 * Has a batch processor report its queue under the semantic-convention metric names
	 * ({@code otel.sdk.processor.span.*}) where the SDK offers them; an SDK without the choice
	 * (1.55) reports the legacy names ({@code processedSpans}, {@code queueSize}).
	 * @param builder the processor's builder
	 */
	public static void latestProcessorMetrics(BatchSpanProcessorBuilder builder) {
		if (PROCESSOR_TELEMETRY_VERSION) {
			builder.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST);
		}
	}

}
