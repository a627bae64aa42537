package dev.tracekit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a parameter of a {@link Traced} method as an attribute of its span.
 *
 * <p>
 * Strings, numbers and booleans become attributes of the matching type (integral numbers as
 * longs, {@code float} and {@code double} as doubles), as do arrays and lists of them. Any other
 * value, {@code BigDecimal} included, is recorded with {@code toString()}; {@code null} records
 * nothing. Nothing is converted when the span is not sampled.
 *
 * <p>
 * It may be declared on the implementation's parameter or on the parameter of an interface or
 * superclass method the implementation overrides.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SpanAttribute {

	/**
	 * The attribute key. Empty means the parameter's name, which the compiler keeps with
	 * {@code -parameters} (otherwise it is {@code arg0}, {@code arg1}, ...).
	 * @return the attribute key
	 */
	String value() default "";

}
