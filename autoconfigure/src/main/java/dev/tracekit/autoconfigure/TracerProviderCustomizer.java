package dev.tracekit.autoconfigure;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;

/**
 * Reaches the {@link SdkTracerProviderBuilder} after tracekit has applied its properties, for
 * anything they don't cover. Beans of this type are applied in {@code @Order}.
 */
@FunctionalInterface
public interface TracerProviderCustomizer {

	void customize(SdkTracerProviderBuilder builder);

}
