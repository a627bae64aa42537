package dev.tracekit.lifecycle;

import java.util.concurrent.atomic.AtomicBoolean;
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
import org.springframework.context.SmartLifecycle;

/**
 * Sets {@link GlobalOpenTelemetry} before any application bean is created, to an instance that
 * resolves the context's {@code OpenTelemetry} bean on first use. So a bean that reads
 * {@code GlobalOpenTelemetry} in its constructor gets a recording tracer, not the no-op one it
 * would otherwise pin.
 *
 * <p>
 * The global follows the context's lifecycle, so that it always points at a running pipeline or
 * is unset, never at one shut down: it is released when the context stops, pauses or closes, and
 * taken again when a paused context restarts. A later context in the same JVM (the next test
 * class's, a DevTools restart) therefore registers cleanly; a global this class did not set is
 * never reset. Its phase is just above {@link TracerProviderLifecycle}'s: the global is set before
 * the pipeline's lifecycle starts and released before the pipeline is flushed and shut down.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class GlobalOpenTelemetryRegistration
		implements BeanFactoryPostProcessor, SmartLifecycle, DisposableBean {

	/** Just above the pipeline's phase: started after it, stopped before it. */
	public static final int PHASE = TracerProviderLifecycle.PHASE + 1;

	private static final Log logger = LogFactory.getLog(GlobalOpenTelemetryRegistration.class);

	// The registration whose instance is the global now, across contexts in this JVM.
	private static final AtomicReference<@Nullable GlobalOpenTelemetryRegistration> current = new AtomicReference<>();

	// A cached test context holding the global is expected; said once per JVM, then only at debug.
	private static final AtomicBoolean heldElsewhereTold = new AtomicBoolean();

	private volatile @Nullable OpenTelemetry instance;

	private volatile boolean registered;

	private volatile boolean released;

	private volatile boolean running;

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		OpenTelemetry instance = new ContextOpenTelemetry(() -> beanFactory.getBean(OpenTelemetry.class));
		this.instance = instance;
		register(instance);
	}

	private synchronized void register(OpenTelemetry openTelemetry) {
		try {
			GlobalOpenTelemetry.set(openTelemetry);
			current.set(this);
			this.registered = true;
		}
		catch (IllegalStateException ex) {
			if (current.get() != null) {
				heldByAnotherContext();
			}
			else {
				heldByOtherCode(ex.getCause());
			}
		}
	}

	private static void heldByAnotherContext() {
		String message = "tracekit: GlobalOpenTelemetry stays with the tracekit pipeline of another application"
				+ " context that is still running (such as a test context Spring keeps in its cache); this context"
				+ " traces through its own OpenTelemetry bean.";
		if (heldElsewhereTold.compareAndSet(false, true)) {
			logger.info(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private static void heldByOtherCode(@Nullable Throwable firstCaller) {
		logger.warn("tracekit: GlobalOpenTelemetry was already set, or already read (which fixes it to the"
				+ " no-op instance), before this application context started, so code that uses"
				+ " GlobalOpenTelemetry does not trace through tracekit. Make sure nothing calls"
				+ " GlobalOpenTelemetry before SpringApplication.run, or inject the OpenTelemetry bean instead;"
				+ " if another component owns the global on purpose, set tracekit.register-global=false."
				+ ((firstCaller != null) ? " The earlier call is attached." : ""), firstCaller);
	}

	private synchronized void release() {
		if (this.registered && current.compareAndSet(this, null)) {
			GlobalOpenTelemetry.resetForTest();
			this.registered = false;
			this.released = true;
		}
	}

	/** Whether this context's instance is the global one. */
	public boolean isRegistered() {
		return this.registered;
	}

	@Override
	public void start() {
		OpenTelemetry instance = this.instance;
		if (this.released && instance != null) {
			this.released = false;
			register(instance);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		release();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		release();
		this.released = false;
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
