package dev.tracekit.micrometer;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.contextpropagation.ObservationAwareSpanThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Lets context propagation (Spring's {@code ContextPropagatingTaskDecorator}, Reactor's automatic
 * context propagation) carry a span made current through {@link SpanScopes} to other threads, as
 * it already carries observations. Without it, work a {@code @Traced} method hands to an executor
 * would attach to the enclosing observation's span instead of the method's.
 */
final class SpanContextPropagation implements SmartInitializingSingleton, DisposableBean {

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private volatile boolean registered;

	SpanContextPropagation(ObjectProvider<Tracer> tracer, ObjectProvider<ObservationRegistry> observationRegistry) {
		this.tracer = tracer;
		this.observationRegistry = observationRegistry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Tracer tracer = this.tracer.getIfUnique();
		if (tracer == null) {
			return;
		}
		@Nullable ObservationRegistry registry = this.observationRegistry.getIfUnique();
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor((registry != null) ? new ObservationAwareSpanThreadLocalAccessor(registry, tracer)
					: new ObservationAwareSpanThreadLocalAccessor(tracer));
		this.registered = true;
	}

	@Override
	public void destroy() {
		if (this.registered) {
			ContextRegistry.getInstance().removeThreadLocalAccessor(ObservationAwareSpanThreadLocalAccessor.KEY);
			this.registered = false;
		}
	}

}
