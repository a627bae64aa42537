package dev.tracekit.sampling;

import java.util.List;

import dev.tracekit.config.ConfigurationWarning;
import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;

import org.springframework.validation.Errors;

/** Which spans are recorded: {@code tracekit.sampler.*}. */
public class SamplerProperties implements ValidatedProperties {

	/** The sampler. A Sampler bean replaces it. */
	private SamplerType type = SamplerType.PARENTBASED_ALWAYS_ON;

	/** Fraction of traces recorded by the traceidratio samplers, from 0 to 1. */
	private double ratio = 1.0;

	public SamplerType getType() {
		return this.type;
	}

	public void setType(SamplerType type) {
		this.type = type;
	}

	public double getRatio() {
		return this.ratio;
	}

	public void setRatio(double ratio) {
		this.ratio = ratio;
	}

	@Override
	public void validate(Errors errors) {
		if (!(this.ratio >= 0.0 && this.ratio <= 1.0)) {
			ValueRules.reject(errors, "ratio", "must be between 0 and 1 inclusive (0 records no trace, 1 records all)");
		}
	}

	@Override
	public List<ConfigurationWarning> warnings(String prefix) {
		if (this.type == SamplerType.ALWAYS_OFF) {
			return List.of(new ConfigurationWarning("sampler-off",
					prefix + ".type is always_off: no span is recorded or exported."));
		}
		if (this.type.usesRatio() && this.ratio == 0.0) {
			return List.of(new ConfigurationWarning("sampler-off", prefix + ".ratio is 0 with sampler "
					+ this.type.id() + ": no trace started here is recorded or exported."));
		}
		return List.of();
	}

}
