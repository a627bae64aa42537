package dev.tracekit.lifecycle;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Sets {@link GlobalOpenTelemetry} before any application bean is created, to an instance that
 * resolves the context's {@code OpenTelemetry} bean on first use. So a bean that reads
 * {@code GlobalOpenTelemetry} in its constructor gets a recording tracer, not the no-op one it
 * would otherwise pin. The global is reset when the context closes, so that a later context in the
 * same JVM (a test, a DevTools restart) registers cleanly; a global this class did not set is never
 * reset.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class GlobalOpenTelemetryRegistration implements BeanFactoryPostProcessor, DisposableBean {

	private static final Log logger = LogFactory.getLog(GlobalOpenTelemetryRegistration.class);

	// The registration whose instance is the global now, across contexts in this JVM.
	private static final AtomicReference<@Nullable GlobalOpenTelemetryRegistration> current = new AtomicReference<>();

	private volatile boolean registered;

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		register(new ContextOpenTelemetry(() -> beanFactory.getBean(OpenTelemetry.class)));
	}

	private void register(OpenTelemetry openTelemetry) {
		try {
			GlobalOpenTelemetry.set(openTelemetry);
			current.set(this);
			this.registered = true;
		}
		catch (IllegalStateException ex) {
			Throwable firstCaller = ex.getCause();
			logger.warn("tracekit: GlobalOpenTelemetry was already set, or already read (which fixes it to the"
					+ " no-op instance), before this application context started, so code that uses"
					+ " GlobalOpenTelemetry does not trace through tracekit. Make sure nothing calls"
					+ " GlobalOpenTelemetry before SpringApplication.run, or inject the OpenTelemetry bean instead;"
					+ " if another component owns the global on purpose, set tracekit.register-global=false."
					+ ((firstCaller != null) ? " The earlier call is attached." : ""), firstCaller);
		}
	}

	/** Whether this context's instance is the global one. */
	public boolean isRegistered() {
		return this.registered;
	}

	@Override
	public void destroy() {
		if (this.registered && current.compareAndSet(this, null)) {
			GlobalOpenTelemetry.resetForTest();
			this.registered = false;
		}
	}

	/** Resolves the context's OpenTelemetry bean on first use, then delegates to it. */
	private static final class ContextOpenTelemetry implements OpenTelemetry {

		private final Supplier<OpenTelemetry> resolver;

		private volatile @Nullable OpenTelemetry resolved;

		ContextOpenTelemetry(Supplier<OpenTelemetry> resolver) {
			this.resolver = resolver;
		}

		private OpenTelemetry delegate() {
			OpenTelemetry delegate = this.resolved;
			if (delegate == null) {
				synchronized (this) {
					delegate = this.resolved;
					if (delegate == null) {
						delegate = this.resolver.get();
						this.resolved = delegate;
					}
				}
			}
			return delegate;
		}

		@Override
		public TracerProvider getTracerProvider() {
			return delegate().getTracerProvider();
		}

		@Override
		public MeterProvider getMeterProvider() {
			return delegate().getMeterProvider();
		}

		@Override
		public LoggerProvider getLogsBridge() {
			return delegate().getLogsBridge();
		}

		@Override
		public ContextPropagators getPropagators() {
			return delegate().getPropagators();
		}

	}

}
