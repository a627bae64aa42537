package dev.tracekit.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** Matches unless {@code tracekit.enabled} (or {@code OTEL_SDK_DISABLED=true}) turns tracekit off. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = "tracekit.enabled", matchIfMissing = true)
public @interface ConditionalOnTracekitEnabled {

}
