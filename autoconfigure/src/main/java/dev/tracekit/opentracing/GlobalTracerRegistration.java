package dev.tracekit.opentracing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.opentracing.Scope;
import io.opentracing.ScopeManager;
import io.opentracing.Span;
import io.opentracing.SpanContext;
import io.opentracing.Tracer;
import io.opentracing.noop.NoopTracerFactory;
import io.opentracing.propagation.Format;
import io.opentracing.util.GlobalTracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Makes OpenTracing's {@link GlobalTracer} trace through the context's OpenTracing tracer.
 *
 * <p>
 * {@code GlobalTracer} takes one registration per JVM and cannot be reset. So tracekit registers,
 * once, a tracer that forwards to the tracer of the context running now, and a no-op tracer while
 * none runs; a later context in the same JVM (a test, a DevTools restart) attaches its own tracer
 * to it. When another component registered a tracer first, that one stays and a warning says so.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class GlobalTracerRegistration implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(GlobalTracerRegistration.class);

	private static final ContextTracer CONTEXT_TRACER = new ContextTracer();

	// Whether GlobalTracer holds CONTEXT_TRACER: it told us so when we registered it.
	private static final AtomicBoolean ours = new AtomicBoolean();

	private final Tracer tracer;

	private volatile boolean attached;

	/**
	 * @param tracer the context's OpenTracing tracer
	 */
	public GlobalTracerRegistration(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public void afterPropertiesSet() {
		synchronized (ours) {
			if (!ours.get() && GlobalTracer.registerIfAbsent(CONTEXT_TRACER)) {
				ours.set(true);
			}
		}
		if (!ours.get()) {
			logger.warn("tracekit: OpenTracing's GlobalTracer already holds a tracer that something else registered"
					+ " (" + GlobalTracer.get() + "), and it cannot be replaced, so OpenTracing code that calls"
					+ " GlobalTracer.get() does not trace through tracekit. Inject the io.opentracing.Tracer bean"
					+ " instead, or set tracekit.opentracing.register-global-tracer=false if the other tracer is"
					+ " meant to stay.");
			return;
		}
		CONTEXT_TRACER.attach(this.tracer);
		this.attached = true;
	}

	// GlobalTracer itself is reset in tests by reflection; this forgets that it held ours.
	static void forgetRegistrationForTest() {
		ours.set(false);
	}

	/** Whether {@code GlobalTracer} traces through this context's tracer now. */
	public boolean isRegistered() {
		return this.attached;
	}

	@Override
	public void destroy() {
		if (this.attached) {
			CONTEXT_TRACER.detach(this.tracer);
			this.attached = false;
		}
	}

	/** Forwards to the attached tracer, or to a no-op tracer while none is attached. */
	private static final class ContextTracer implements Tracer {

		private static final Tracer NOOP = NoopTracerFactory.create();

		private final AtomicReference<@Nullable Tracer> current = new AtomicReference<>();

		void attach(Tracer tracer) {
			Tracer previous = this.current.getAndSet(tracer);
			if (previous != null && previous != tracer) {
				logger.warn("tracekit: OpenTracing's GlobalTracer now traces through the newest application context;"
						+ " another context that registered it is still running");
			}
		}

		void detach(Tracer tracer) {
			this.current.compareAndSet(tracer, null);
		}

		private Tracer delegate() {
			Tracer tracer = this.current.get();
			return (tracer != null) ? tracer : NOOP;
		}

		@Override
		public ScopeManager scopeManager() {
			return delegate().scopeManager();
		}

		@Override
		public @Nullable Span activeSpan() {
			return delegate().activeSpan();
		}

		@Override
		public Scope activateSpan(Span span) {
			return delegate().activateSpan(span);
		}

		@Override
		public SpanBuilder buildSpan(String operationName) {
			return delegate().buildSpan(operationName);
		}

		@Override
		public <C> void inject(SpanContext spanContext, Format<C> format, C carrier) {
			delegate().inject(spanContext, format, carrier);
		}

		@Override
		public <C> @Nullable SpanContext extract(Format<C> format, C carrier) {
			return delegate().extract(format, carrier);
		}

		// The context owns its tracer's life; closing the global one closes nothing.
		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return "tracekit's context tracer -> " + delegate();
		}

	}

}
