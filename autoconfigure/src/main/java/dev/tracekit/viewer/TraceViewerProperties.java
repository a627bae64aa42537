package dev.tracekit.viewer;

import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * The trace viewer, configured under {@code tracekit.viewer.*}. It validates itself as it is
 * bound, so a limit that could keep nothing fails startup naming the property.
 */
public class TraceViewerProperties implements ValidatedProperties {

	/**
	 * Whether to keep the last traces in memory and serve them, with a page that draws them, at
	 * the "traces" actuator endpoint. The endpoint must also be exposed over HTTP
	 * (management.endpoints.web.exposure.include). Span data can hold personal data: expose it
	 * only to those who may see it.
	 */
	private boolean enabled = false;

	/** The most traces kept. When a new trace arrives, the oldest is let go. */
	private int maxTraces = 100;

	/**
	 * The most memory the kept traces and their index may take, as estimated from their spans.
	 * The oldest traces are let go to stay below it; a single trace that outgrows it keeps its
	 * first spans.
	 */
	private DataSize maxMemory = DataSize.ofMegabytes(16);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxTraces() {
		return this.maxTraces;
	}

	public void setMaxTraces(int maxTraces) {
		this.maxTraces = maxTraces;
	}

	public DataSize getMaxMemory() {
		return this.maxMemory;
	}

	public void setMaxMemory(DataSize maxMemory) {
		this.maxMemory = maxMemory;
	}


	@Override
	public void validate(Errors errors) {
		if (this.maxTraces < 1) {
			ValueRules.reject(errors, "maxTraces", "must be at least 1");
		}
		else if (this.maxMemory.toBytes() < MemoryEstimate.minimum(this.maxTraces)) {
			ValueRules.reject(errors, "maxMemory",
					"must be at least " + MemoryEstimate.minimum(this.maxTraces)
							+ "B with max-traces=" + this.maxTraces
							+ ": room for the index of that many traces and one small trace; "
							+ "write a size with a unit, e.g. 16MB or 512KB");
		}
	}

}
