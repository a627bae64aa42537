package dev.tracekit.sampling;

import dev.tracekit.config.ConfigurationValue;

/**
 * The samplers tracekit builds from {@code tracekit.sampler.type}, named as in the OpenTelemetry
 * specification's {@code OTEL_TRACES_SAMPLER}.
 */
public enum SamplerType implements ConfigurationValue {

	/** Records every span. */
	ALWAYS_ON("always_on"),

	/** Records no span. */
	ALWAYS_OFF("always_off"),

	/** Records a fraction of traces, chosen by trace id. */
	TRACEIDRATIO("traceidratio"),

	/** Follows the parent's decision; records every root span. The SDK's default. */
	PARENTBASED_ALWAYS_ON("parentbased_always_on"),

	/** Follows the parent's decision; records no root span. */
	PARENTBASED_ALWAYS_OFF("parentbased_always_off"),

	/** Follows the parent's decision; records a fraction of root spans, chosen by trace id. */
	PARENTBASED_TRACEIDRATIO("parentbased_traceidratio");

	private final String id;

	SamplerType(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

	/** Whether {@code tracekit.sampler.ratio} applies to this sampler. */
	public boolean usesRatio() {
		return this == TRACEIDRATIO || this == PARENTBASED_TRACEIDRATIO;
	}

}
