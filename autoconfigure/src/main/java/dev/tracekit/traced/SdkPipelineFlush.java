package dev.tracekit.traced;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tracekit.lifecycle.LifecycleProperties;
import dev.tracekit.export.ReliableFlush;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Flushes the {@link SdkTracerProvider} bean (or the provider of an {@link OpenTelemetrySdk} bean),
 * waiting at most {@code tracekit.lifecycle.flush-timeout}.
 */
final class SdkPipelineFlush implements PipelineFlush {

	private static final Log logger = LogFactory.getLog(SdkPipelineFlush.class);

	private final Supplier<@Nullable SdkTracerProvider> tracerProvider;

	private final Supplier<Duration> timeout;

	SdkPipelineFlush(BeanFactory beanFactory) {
		this.tracerProvider = SingletonSupplier.ofNullable(() -> findTracerProvider(beanFactory));
		this.timeout = SingletonSupplier.of(() -> {
			Environment environment = beanFactory.getBeanProvider(Environment.class).getIfAvailable();
			return (environment != null) ? Binder.get(environment)
				.bind("tracekit.lifecycle.flush-timeout", Duration.class)
				.orElse(LifecycleProperties.DEFAULT_FLUSH_TIMEOUT) : LifecycleProperties.DEFAULT_FLUSH_TIMEOUT;
		});
	}

	private static @Nullable SdkTracerProvider findTracerProvider(BeanFactory beanFactory) {
		// The OpenTelemetry bean is what @Traced spans go to: an application's own SDK comes first.
		OpenTelemetry openTelemetry = beanFactory.getBeanProvider(OpenTelemetry.class).getIfUnique();
		if (openTelemetry instanceof OpenTelemetrySdk sdk) {
			return sdk.getSdkTracerProvider();
		}
		return beanFactory.getBeanProvider(SdkTracerProvider.class).getIfUnique();
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
