package dev.tracekit.propagation;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.opentelemetry.extension.trace.propagation.OtTracePropagator;

import org.springframework.util.ClassUtils;

/**
 * Builds {@link ContextPropagators} from {@code tracekit.propagators} and user propagator beans.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class PropagatorsFactory {

	private static final String EXTENSION_CLASS = "io.opentelemetry.extension.trace.propagation.B3Propagator";

	private PropagatorsFactory() {
	}

	/**
	 * Builds the propagators.
	 * @param types the configured propagators, in order
	 * @param userPropagators user {@code TextMapPropagator} beans, appended after the configured ones
	 * @return the composite
	 */
	public static ContextPropagators create(List<PropagatorType> types, List<TextMapPropagator> userPropagators) {
		List<TextMapPropagator> propagators = new ArrayList<>();
		for (PropagatorType type : types) {
			if (type != PropagatorType.NONE) {
				propagators.add(propagator(type));
			}
		}
		propagators.addAll(userPropagators);
		return ContextPropagators.create(TextMapPropagator.composite(propagators));
	}

	private static TextMapPropagator propagator(PropagatorType type) {
		return switch (type) {
			case TRACECONTEXT -> TraceContextPropagator.getInstance();
			case BAGGAGE -> W3CBaggagePropagator.getInstance();
			case B3 -> extension(type).b3Single();
			case B3MULTI -> extension(type).b3Multi();
			case JAEGER -> extension(type).jaeger();
			case OTTRACE -> extension(type).otTrace();
			case NONE -> TextMapPropagator.noop();
		};
	}

	private static Extension extension(PropagatorType type) {
		if (!ClassUtils.isPresent(EXTENSION_CLASS, PropagatorsFactory.class.getClassLoader())) {
			throw new IllegalStateException("tracekit.propagators contains '" + type.id()
					+ "', which needs io.opentelemetry:opentelemetry-extension-trace-propagators on the classpath");
		}
		return new Extension();
	}

	// Touches the optional extension's classes only when one of its propagators is asked for.
	private static final class Extension {

		TextMapPropagator b3Single() {
			return B3Propagator.injectingSingleHeader();
		}

		TextMapPropagator b3Multi() {
			return B3Propagator.injectingMultiHeaders();
		}

		TextMapPropagator jaeger() {
			return JaegerPropagator.getInstance();
		}

		TextMapPropagator otTrace() {
			return OtTracePropagator.getInstance();
		}

	}

}
