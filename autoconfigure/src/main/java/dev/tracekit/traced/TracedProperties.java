package dev.tracekit.traced;

/** Annotation-driven tracing: {@code tracekit.annotations.*}. */
public class TracedProperties {

	/**
	 * Whether methods annotated with @Traced or OpenTelemetry's @WithSpan get spans. When false,
	 * no advisor is registered and no bean is proxied for tracing.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
