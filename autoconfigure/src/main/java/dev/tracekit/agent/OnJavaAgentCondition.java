package dev.tracekit.agent;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether tracekit defers to an active OpenTelemetry Java agent: the agent is attached and turned
 * on, and {@code tracekit.agent.mode} is {@code defer} (the default).
 */
final class OnJavaAgentCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		JavaAgent agent = JavaAgent.current();
		String mode = context.getEnvironment().getProperty("tracekit.agent.mode", "defer");
		boolean deferring = agent.active() && !mode.trim().equalsIgnoreCase("ignore");
		String message = !agent.active() ? "no active OpenTelemetry Java agent"
				: "OpenTelemetry Java agent " + agent.version() + " active, tracekit.agent.mode=" + mode;
		return new ConditionOutcome(deferring, message);
	}

}
