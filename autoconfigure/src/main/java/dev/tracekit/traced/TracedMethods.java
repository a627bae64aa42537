package dev.tracekit.traced;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import dev.tracekit.traced.TracedMethod.SpanEnd;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.SpringProxy;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.DecoratingProxy;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds which methods are traced and how, once per method and target class.
 *
 * <p>
 * A method is traced when {@link Traced} or OpenTelemetry's {@code @WithSpan} is present, directly
 * or as a meta-annotation, on the method or a method it overrides or implements; otherwise when it
 * is public and {@link Traced} is on its class, a superclass or an interface. Parameters are read
 * the same way, so {@link SpanAttribute} may sit on an interface's parameter. OpenTelemetry's
 * annotations are looked up by name: the class is not needed unless the application uses them.
 */
final class TracedMethods {

	static final String WITH_SPAN = "io.opentelemetry.instrumentation.annotations.WithSpan";

	static final String OTEL_SPAN_ATTRIBUTE = "io.opentelemetry.instrumentation.annotations.SpanAttribute";

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			TracedMethods.class.getClassLoader());

	private static final Object NOT_TRACED = new Object();

	// Interfaces Spring adds to the proxies it creates; none of them is what the user wrote.
	private static final Set<Class<?>> PROXY_INTERFACES = Set.of(SpringProxy.class, Advised.class,
			DecoratingProxy.class);

	// By target class, then by method: a call finds its entry by identity, with no key to allocate
	// and no Method.equals; copies of a Method from reflection still find it through equals.
	private final Map<Class<?>, Map<Method, Object>> cache = new ConcurrentHashMap<>(64);

	/** Whether any method of the class can be traced, before looking at each method. */
	boolean isCandidate(Class<?> targetClass) {
		return isCandidateClass(targetClass);
	}

	static boolean isCandidateClass(Class<?> targetClass) {
		return AnnotationUtils.isCandidateClass(targetClass, Traced.class)
				|| AnnotationUtils.isCandidateClass(targetClass, WITH_SPAN);
	}

	/**
	 * Returns how the method is traced on the target class, or {@code null} when it is not.
	 * @param method the method, possibly from an interface
	 * @param targetClass the class of the target bean, or {@code null} if unknown
	 * @return the traced method, or {@code null}
	 * @throws IllegalStateException if the annotation is invalid, such as a malformed attribute
	 */
	@Nullable TracedMethod get(Method method, @Nullable Class<?> targetClass) {
		Class<?> cacheClass = (targetClass != null) ? targetClass : method.getDeclaringClass();
		Map<Method, Object> methods = this.cache.get(cacheClass);
		if (methods == null) {
			methods = this.cache.computeIfAbsent(cacheClass, (key) -> new ConcurrentHashMap<>());
		}
		Object cached = methods.get(method);
		if (cached == null) {
			TracedMethod resolved = resolve(method, cacheClass);
			cached = (resolved != null) ? resolved : NOT_TRACED;
			Object raced = methods.putIfAbsent(method, cached);
			cached = (raced != null) ? raced : cached;
		}
		return (cached != NOT_TRACED) ? (TracedMethod) cached : null;
	}

	private static @Nullable TracedMethod resolve(Method method, @Nullable Class<?> targetClass) {
		if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
			return null;
		}
		Class<?> userClass = (targetClass != null) ? userType(targetClass, method) : method.getDeclaringClass();
		Method specific = AopUtils.getMostSpecificMethod(method, userClass);
		MergedAnnotations methodAnnotations = MergedAnnotations.from(specific, SearchStrategy.TYPE_HIERARCHY);
		MergedAnnotation<?> traced = methodAnnotations.get(Traced.class);
		if (traced.isPresent()) {
			return fromTraced(traced, specific, userClass);
		}
		MergedAnnotation<?> withSpan = methodAnnotations.get(WITH_SPAN);
		if (withSpan.isPresent()) {
			return fromWithSpan(withSpan, specific, userClass);
		}
		if (Modifier.isPublic(specific.getModifiers()) && !ReflectionUtils.isObjectMethod(specific)) {
			MergedAnnotation<?> typeTraced = MergedAnnotations.from(userClass, SearchStrategy.TYPE_HIERARCHY)
				.get(Traced.class);
			if (typeTraced.isPresent()) {
				return fromTraced(typeTraced, specific, userClass);
			}
		}
		return null;
	}

	private static TracedMethod fromTraced(MergedAnnotation<?> traced, Method method, Class<?> userClass) {
		return new TracedMethod(describe(method, userClass), spanName(traced.getString("value"), method, userClass),
				traced.getEnum("kind", SpanKind.class),
				constantAttributes(traced.getStringArray("attributes"), method), argumentAttributes(method),
				traced.getBoolean("inheritContext"), traced.getBoolean("flush"), spanEnd(method));
	}

	private static TracedMethod fromWithSpan(MergedAnnotation<?> withSpan, Method method, Class<?> userClass) {
		// inheritContext arrived in a later version of the annotation than value and kind.
		boolean inheritContext = withSpan.getValue("inheritContext", Boolean.class).orElse(true);
		return new TracedMethod(describe(method, userClass), spanName(withSpan.getString("value"), method, userClass),
				withSpan.getEnum("kind", SpanKind.class), Attributes.empty(), argumentAttributes(method),
				inheritContext, false, spanEnd(method));
	}

	/**
	 * The type the user wrote: the class behind a CGLIB proxy, and for a JDK proxy (a Spring Data
	 * repository, say, whose class is a generated {@code $Proxy155}) its first interface that
	 * declares the method, Spring's own proxy interfaces aside.
	 */
	static Class<?> userType(Class<?> targetClass, Method method) {
		if (!Proxy.isProxyClass(targetClass)) {
			return ClassUtils.getUserClass(targetClass);
		}
		for (Class<?> candidate : targetClass.getInterfaces()) {
			if (!PROXY_INTERFACES.contains(candidate)
					&& ClassUtils.hasMethod(candidate, method.getName(), method.getParameterTypes())) {
				return candidate;
			}
		}
		return targetClass;
	}

	/** A method as a log message names it: {@code com.example.OrderService.place(Order, int)}. */
	static String describe(Method method, Class<?> userClass) {
		StringJoiner parameters = new StringJoiner(", ", "(", ")");
		for (Class<?> parameterType : method.getParameterTypes()) {
			parameters.add(parameterType.getSimpleName());
		}
		return userClass.getName() + "." + method.getName() + parameters;
	}

	private static String spanName(String value, Method method, Class<?> userClass) {
		if (StringUtils.hasText(value)) {
			return value;
		}
		String simpleName = userClass.getSimpleName();
		if (simpleName.isEmpty()) {
			// Anonymous and hidden classes have no simple name.
			simpleName = ClassUtils.getShortName(userClass);
		}
		return simpleName + "." + method.getName();
	}

	private static Attributes constantAttributes(String[] pairs, Method method) {
		if (pairs.length == 0) {
			return Attributes.empty();
		}
		AttributesBuilder builder = Attributes.builder();
		for (String pair : pairs) {
			int separator = pair.indexOf('=');
			if (separator <= 0 || pair.substring(0, separator).isBlank()) {
				throw new IllegalStateException("@Traced attribute '" + pair + "' on " + method.toGenericString()
						+ " is not of the form key=value");
			}
			builder.put(pair.substring(0, separator).trim(), pair.substring(separator + 1));
		}
		return builder.build();
	}

	private static List<ArgumentAttribute> argumentAttributes(Method method) {
		if (method.getParameterCount() == 0) {
			return List.of();
		}
		List<ArgumentAttribute> attributes = new ArrayList<>();
		// AnnotatedMethod also sees parameter annotations declared on interfaces and superclasses.
		MethodParameter[] parameters = new AnnotatedMethod(method).getMethodParameters();
		for (int i = 0; i < parameters.length; i++) {
			String name = attributeName(parameters[i].getParameterAnnotations());
			if (name != null) {
				attributes.add(new ArgumentAttribute(i, name.isEmpty() ? method.getParameters()[i].getName() : name));
			}
		}
		return attributes;
	}

	// Empty for "use the parameter name", null for "not an attribute".
	private static @Nullable String attributeName(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation instanceof SpanAttribute spanAttribute) {
				return spanAttribute.value();
			}
			if (annotation.annotationType().getName().equals(OTEL_SPAN_ATTRIBUTE)) {
				return (String) AnnotationUtils.getValue(annotation);
			}
		}
		return null;
	}

	private static SpanEnd spanEnd(Method method) {
		Class<?> returnType = method.getReturnType();
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return SpanEnd.COMPLETION;
		}
		if (REACTOR_PRESENT && ReactorSpans.isTraceable(returnType)) {
			return SpanEnd.SUBSCRIPTION;
		}
		return SpanEnd.RETURN;
	}

}
