package dev.tracekit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the OpenTelemetry {@code Tracer} injected into a field or parameter, instead of the
 * class it is injected into:
 *
 * <pre class="code">
 * PaymentClient(&#64;TracerName("payments") Tracer tracer) { ... }
 * </pre>
 *
 * The name becomes the instrumentation scope name of the tracer's spans; the version is still the
 * application's ({@code service.version}). It is not a qualifier: any injected {@code Tracer}
 * comes from the same bean definition.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TracerName {

	/**
	 * The instrumentation scope name.
	 * @return the tracer's name
	 */
	String value();

}
