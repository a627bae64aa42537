package dev.tracekit.traced;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.tracekit.autoconfigure.TracekitProperties;
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

	private static final long[] RETRY_PAUSES_NANOS = { 1_000, 20_000, 100_000 };

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

	/**
	 * Requests a flush of the provider, working around a race in the SDK's batch processor: its
	 * worker marks a flush succeeded before it clears the request, so a flush requested in between
	 * is handed the earlier, already succeeded result and returns before the spans ended since
	 * have been exported. A flush a batch processor has really just accepted is not done yet, so a
	 * result that is done on arrival is asked for again, a few times, with a short pause for the
	 * worker. Pipelines without a batch processor pay those pauses, about 0.1 ms in all.
	 * @param provider the tracer provider
	 * @return the result of the flush to wait for
	 */
	static CompletableResultCode forceFlush(SdkTracerProvider provider) {
		CompletableResultCode result = provider.forceFlush();
		for (long pauseNanos : RETRY_PAUSES_NANOS) {
			if (!result.isDone()) {
				break;
			}
			LockSupport.parkNanos(pauseNanos);
			result = provider.forceFlush();
		}
		return result;
	}

	@Override
	public void flush() {
		SdkTracerProvider provider = this.tracerProvider.get();
		if (provider == null) {
			return;
		}
		Duration timeout = this.timeout.get();
		CompletableResultCode result = forceFlush(provider).join(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!result.isDone()) {
			logger.warn("tracekit: @Traced(flush = true) did not finish flushing within " + timeout
					+ " (tracekit.lifecycle.flush-timeout); returning anyway");
		}
	}

}
