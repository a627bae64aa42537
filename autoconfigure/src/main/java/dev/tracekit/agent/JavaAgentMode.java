package dev.tracekit.agent;

import dev.tracekit.config.ConfigurationValue;

/** What tracekit does when the OpenTelemetry Java agent is active ({@code tracekit.agent.mode}). */
public enum JavaAgentMode implements ConfigurationValue {

	/**
	 * Build no pipeline: {@code @Traced}, Micrometer Tracing and the {@code OpenTelemetry} bean use
	 * the agent's, which exports as the agent is configured.
	 */
	DEFER("defer"),

	/**
	 * Build tracekit's pipeline as if there were no agent: the application then has two tracing
	 * setups, the agent's instrumentation exporting through the agent and tracekit's spans through
	 * tracekit. To use tracekit's pipeline alone, turn the agent off instead
	 * ({@code -Dotel.javaagent.enabled=false}).
	 */
	IGNORE("ignore");

	private final String id;

	JavaAgentMode(String id) {
		this.id = id;
	}

	@Override
	public String id() {
		return this.id;
	}

}
