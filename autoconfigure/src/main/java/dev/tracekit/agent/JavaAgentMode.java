package dev.tracekit.agent;

/** What tracekit does when the OpenTelemetry Java agent is active ({@code tracekit.agent.mode}). */
public enum JavaAgentMode {

	/**
	 * Build no pipeline: {@code @Traced}, Micrometer Tracing and the {@code OpenTelemetry} bean use
	 * the agent's, which exports as the agent is configured.
	 */
	DEFER,

	/**
	 * Build tracekit's pipeline as if there were no agent: the application then has two tracing
	 * setups, the agent's instrumentation exporting through the agent and tracekit's spans through
	 * tracekit. To use tracekit's pipeline alone, turn the agent off instead
	 * ({@code -Dotel.javaagent.enabled=false}).
	 */
	IGNORE

}
