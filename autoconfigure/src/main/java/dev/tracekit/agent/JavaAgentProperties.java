package dev.tracekit.agent;

/**
 * tracekit beside the OpenTelemetry Java agent, configured under {@code tracekit.agent.*}.
 */
public class JavaAgentProperties {

	/**
	 * What tracekit does when the OpenTelemetry Java agent is active: "defer" builds no pipeline
	 * and uses the agent's OpenTelemetry for @Traced and Micrometer Tracing; "ignore" builds
	 * tracekit's pipeline as well (two tracing setups). To use tracekit's pipeline alone, turn the
	 * agent off with -Dotel.javaagent.enabled=false (or OTEL_JAVAAGENT_ENABLED=false).
	 */
	private JavaAgentMode mode = JavaAgentMode.DEFER;

	public JavaAgentMode getMode() {
		return this.mode;
	}

	public void setMode(JavaAgentMode mode) {
		this.mode = mode;
	}

}
