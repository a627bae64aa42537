package dev.tracekit.actuate;

/** tracekit next to Spring Boot Actuator: {@code tracekit.actuator.*}. */
public class ActuatorProperties {

	/**
	 * Whether HTTP requests to actuator endpoints are observed (traced and timed). Off by default, so
	 * health probes and metric scrapes do not fill the trace backend.
	 */
	private boolean traceRequests = false;

	public boolean isTraceRequests() {
		return this.traceRequests;
	}

	public void setTraceRequests(boolean traceRequests) {
		this.traceRequests = traceRequests;
	}

}
