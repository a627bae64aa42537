package dev.tracekit.agent;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/** Says, once at startup, that tracekit defers to the OpenTelemetry Java agent: the startup report in that case. */
final class JavaAgentReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(JavaAgentReport.class);

	private final JavaAgent agent;

	JavaAgentReport(JavaAgent agent) {
		this.agent = agent;
	}

	@Override
	public void afterSingletonsInstantiated() {
		logger.info(message(this.agent));
	}

	static String message(JavaAgent agent) {
		return "tracekit: the OpenTelemetry Java agent " + agent.version() + " is active, so tracekit builds no"
				+ " tracing pipeline: @Traced and Micrometer Tracing use the agent's OpenTelemetry, which exports as"
				+ " the agent is configured (otel.* / OTEL_*), and Spring's HTTP observations leave their spans to the"
				+ " agent. tracekit.agent.mode=ignore builds tracekit's pipeline as well; -Dotel.javaagent.enabled=false"
				+ " turns the agent's off.";
	}

}
