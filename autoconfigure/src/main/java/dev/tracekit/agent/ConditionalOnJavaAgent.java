package dev.tracekit.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when tracekit defers to an active OpenTelemetry Java agent ({@code tracekit.agent.mode}
 * is {@code defer}, the default).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnJavaAgentCondition.class)
@interface ConditionalOnJavaAgent {

}
