package dev.tracekit.traced;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Force-flushes the tracer provider for {@code @Traced(flush = true)}, without shutting it down.
 */
@FunctionalInterface
interface PipelineFlush {

	/** Flushes and waits, within the configured bound. */
	void flush();

	/**
	 * Returns the flush for the application's SDK tracer provider, or one that does nothing when
	 * the OpenTelemetry SDK is not on the classpath (a no-op or agent-provided OpenTelemetry has
	 * nothing of ours to flush).
	 * @param beanFactory where the tracer provider and the flush timeout are found, on first use
	 * @return the flush
	 */
	static PipelineFlush of(BeanFactory beanFactory) {
		if (ClassUtils.isPresent("io.opentelemetry.sdk.trace.SdkTracerProvider", PipelineFlush.class.getClassLoader())) {
			return new SdkPipelineFlush(beanFactory);
		}
		return () -> {
		};
	}

}
