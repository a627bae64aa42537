package dev.tracekit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.opentelemetry.api.trace.SpanKind;

/**
 * Wraps each call of the annotated method in a span.
 *
 * <p>
 * On a method, it traces that method. On a class or an interface, it traces every public method
 * of the bean, except those declared by {@code Object}; a method-level annotation wins over a
 * class-level one. It is found on the implementation, on an interface or superclass method, and
 * as a meta-annotation, so a team's own {@code @TracedRepository} annotated with
 * {@code @Traced} works too.
 *
 * <p>
 * Only calls that go through the Spring proxy are traced: a bean calling its own method through
 * {@code this} bypasses the proxy, as with every Spring AOP annotation.
 *
 * <p>
 * A method returning a {@link java.util.concurrent.CompletionStage} ends its span when the stage
 * completes; one returning a Reactor {@code Mono} or {@code Flux} gets one span per subscription,
 * current while the publisher is subscribed to and ended on its terminal signal or on cancel.
 * Anything else ends the span when the method returns or throws.
 *
 * @see SpanAttribute
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Traced {

	/**
	 * The span name. Empty means {@code SimpleClassName.methodName}, with the class of the bean
	 * rather than of its proxy or interface.
	 * @return the span name
	 */
	String value() default "";

	/**
	 * The span kind.
	 * @return the span kind
	 */
	SpanKind kind() default SpanKind.INTERNAL;

	/**
	 * Constant attributes added to every span of the method, each as {@code "key=value"}; the
	 * value is a string and may itself contain {@code '='}. A malformed entry fails startup with
	 * the method's name.
	 * @return the attributes as key=value pairs
	 */
	String[] attributes() default {};

	/**
	 * Whether the span is a child of the current span. When false, it starts a new trace and
	 * carries a link to the span that was current, so the two traces can still be followed.
	 * @return whether to inherit the current context
	 */
	boolean inheritContext() default true;

	/**
	 * Whether to force-flush the tracer provider after the span ends, waiting at most
	 * {@code tracekit.lifecycle.flush-timeout}. The provider stays open: this is for handlers whose
	 * process may be frozen between calls (AWS Lambda and the like), where spans still queued
	 * would otherwise leave late or never.
	 * @return whether to flush after the method ends
	 */
	boolean flush() default false;

}
