package dev.tracekit.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.tracekit.test.CapturedSpans;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.core.annotation.AliasFor;

/**
 * Captures the spans of a test class in memory: a {@link CapturedSpans} bean, cleared before each
 * test method, receives every span the application context ends, through tracekit's pipeline.
 *
 * <p>
 * Works in full tests ({@code @SpringBootTest}) and in slice tests ({@code @WebMvcTest},
 * {@code @DataJpaTest}, ...), into which it imports tracekit's auto-configuration along with
 * Spring Boot's Micrometer Tracing and observation auto-configuration, so that Spring's own
 * instrumentation (MVC requests, for instance) and {@code @Traced} methods make spans there too.
 *
 * <p>
 * It carries Spring Boot's {@link AutoConfigureTracing}: the network exporters (OTLP) stay off
 * unless {@link #exporters()} is {@code true}, whether Spring Boot's test support or tracekit's
 * makes that decision.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@AutoConfigureTracing
@ImportAutoConfiguration
public @interface AutoConfigureTracekit {

	/**
	 * Whether the configured network exporters ({@code tracekit.exporters}, OTLP) also run in this
	 * test, as {@code @AutoConfigureTracing(export = true)} or {@code spring.test.tracing.export=true}
	 * would have them. Spans are captured in memory either way.
	 * @return whether the network exporters run
	 */
	@AliasFor(annotation = AutoConfigureTracing.class, attribute = "export")
	boolean exporters() default false;

}
