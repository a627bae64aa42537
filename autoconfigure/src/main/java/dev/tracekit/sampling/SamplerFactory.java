package dev.tracekit.sampling;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Builds the {@link Sampler} named by {@code tracekit.sampler.type}.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class SamplerFactory {

	private SamplerFactory() {
	}

	public static Sampler create(SamplerProperties properties) {
		double ratio = properties.getRatio();
		return switch (properties.getType()) {
			case ALWAYS_ON -> Sampler.alwaysOn();
			case ALWAYS_OFF -> Sampler.alwaysOff();
			case TRACEIDRATIO -> Sampler.traceIdRatioBased(ratio);
			case PARENTBASED_ALWAYS_ON -> Sampler.parentBased(Sampler.alwaysOn());
			case PARENTBASED_ALWAYS_OFF -> Sampler.parentBased(Sampler.alwaysOff());
			case PARENTBASED_TRACEIDRATIO -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
		};
	}

}
