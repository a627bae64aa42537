package dev.tracekit.viewer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The trace viewer, configured under {@code tracekit.viewer.*}. It validates itself as it is
 * bound, so a limit that could keep nothing fails startup naming the property.
 */
@ConfigurationProperties("tracekit.viewer")
public class TraceViewerProperties implements Validator {

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
	public boolean supports(Class<?> clazz) {
		return clazz == TraceViewerProperties.class;
	}

	@Override
	public void validate(Object target, Errors errors) {
		TraceViewerProperties properties = (TraceViewerProperties) target;
		if (properties.getMaxTraces() < 1) {
			errors.rejectValue("maxTraces", "tracekit.invalid", "must be at least 1");
		}
		else if (properties.getMaxMemory().toBytes() < MemoryEstimate.minimum(properties.getMaxTraces())) {
			errors.rejectValue("maxMemory", "tracekit.invalid",
					"must be at least " + MemoryEstimate.minimum(properties.getMaxTraces())
							+ "B with max-traces=" + properties.getMaxTraces()
							+ ": room for the index of that many traces and one small trace; "
							+ "write a size with a unit, e.g. 16MB or 512KB");
		}
	}

}
