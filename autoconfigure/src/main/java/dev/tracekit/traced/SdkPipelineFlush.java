package dev.tracekit.traced;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tracekit.autoconfigure.TracekitProperties;
import dev.tracekit.export.ReliableFlush;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Flushes the {@link SdkTracerProvider} bean (or the provider of an {@link OpenTelemetrySdk} bean),
 * waiting at most {@code tracekit.lifecycle.flush-timeout}.
 */
final class SdkPipelineFlush implements PipelineFlush {

	private static final Log logger = LogFactory.getLog(SdkPipelineFlush.class);

	private static final Duration DEFAULT_TIMEOUT = new TracekitProperties.Lifecycle().getFlushTimeout();

	private final Supplier<@Nullable SdkTracerProvider> tracerProvider;

	private final Supplier<Duration> timeout;

	SdkPipelineFlush(BeanFactory beanFactory) {
		this.tracerProvider = SingletonSupplier.ofNullable(() -> findTracerProvider(beanFactory));
		this.timeout = SingletonSupplier.of(() -> {
			TracekitProperties properties = beanFactory.getBeanProvider(TracekitProperties.class).getIfUnique();
			return (properties != null) ? properties.getLifecycle().getFlushTimeout() : DEFAULT_TIMEOUT;
		});
	}

	private static @Nullable SdkTracerProvider findTracerProvider(BeanFactory beanFactory) {
		SdkTracerProvider tracerProvider = beanFactory.getBeanProvider(SdkTracerProvider.class).getIfUnique();
		if (tracerProvider != null) {
			return tracerProvider;
		}
		OpenTelemetry openTelemetry = beanFactory.getBeanProvider(OpenTelemetry.class).getIfUnique();
		return (openTelemetry instanceof OpenTelemetrySdk sdk) ? sdk.getSdkTracerProvider() : null;
	}

	@Override
	public void flush() {
		SdkTracerProvider provider = this.tracerProvider.get();
		if (provider == null) {
			return;
		}
		Duration timeout = this.timeout.get();
		CompletableResultCode result = ReliableFlush.request(provider::forceFlush).join(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!result.isDone()) {
			logger.warn("tracekit: @Traced(flush = true) did not finish flushing within " + timeout
					+ " (tracekit.lifecycle.flush-timeout); returning anyway");
		}
	}

}
