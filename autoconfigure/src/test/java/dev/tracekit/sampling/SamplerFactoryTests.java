package dev.tracekit.sampling;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each sampler type builds the SDK's sampler of that name, with the ratio where it takes one. */
class SamplerFactoryTests {

	@ParameterizedTest
	@EnumSource(SamplerType.class)
	void eachTypeBuildsTheSdksSamplerOfThatName(SamplerType type) {
		SamplerProperties properties = new SamplerProperties();
		properties.setType(type);
		properties.setRatio(0.25);
		Sampler expected = switch (type) {
			case ALWAYS_ON -> Sampler.alwaysOn();
			case ALWAYS_OFF -> Sampler.alwaysOff();
			case TRACEIDRATIO -> Sampler.traceIdRatioBased(0.25);
			case PARENTBASED_ALWAYS_ON -> Sampler.parentBased(Sampler.alwaysOn());
			case PARENTBASED_ALWAYS_OFF -> Sampler.parentBased(Sampler.alwaysOff());
			case PARENTBASED_TRACEIDRATIO -> Sampler.parentBased(Sampler.traceIdRatioBased(0.25));
		};
		assertThat(SamplerFactory.create(properties).getDescription()).isEqualTo(expected.getDescription());
		assertThat(type.usesRatio()).isEqualTo(type.id().endsWith("traceidratio"));
	}

	@Test
	void theDefaultsBuildTheSdksDefaultSampler() {
		assertThat(SamplerFactory.create(new SamplerProperties()).getDescription())
			.isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).getDescription());
	}

}
