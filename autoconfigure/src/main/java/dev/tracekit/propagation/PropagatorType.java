package dev.tracekit.propagation;

import dev.tracekit.config.ConfigurationValue;

/** The context propagators, named as in {@code OTEL_PROPAGATORS}. */
public enum PropagatorType implements ConfigurationValue {

	/** W3C Trace Context: {@code traceparent} and {@code tracestate}. */
	TRACECONTEXT("tracecontext"),

	/** W3C Baggage: {@code baggage}. */
	BAGGAGE("baggage"),

	/** Zipkin B3, single {@code b3} header. */
	B3("b3"),

	/** Zipkin B3, multiple {@code X-B3-*} headers. */
	B3MULTI("b3multi"),

	/** Jaeger {@code uber-trace-id}. */
	JAEGER("jaeger"),

	/** OpenTracing {@code ot-tracer-*}. */
	OTTRACE("ottrace"),

	/** No propagation; cannot be combined with another propagator. */
	NONE("none");

	private final String id;

	PropagatorType(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

}
