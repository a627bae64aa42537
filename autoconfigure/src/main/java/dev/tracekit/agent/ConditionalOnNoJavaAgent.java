package dev.tracekit.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches unless tracekit defers to an active OpenTelemetry Java agent: where tracekit builds its
 * own pipeline.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnJavaAgentCondition.NotDeferring.class)
public @interface ConditionalOnNoJavaAgent {

}
