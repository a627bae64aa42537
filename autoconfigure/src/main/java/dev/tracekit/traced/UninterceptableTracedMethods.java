package dev.tracekit.traced;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tracekit.annotation.Traced;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Warns once at startup about each {@code @Traced} or {@code @WithSpan} method of a bean that
 * Spring's proxies cannot intercept: a private, static or final method. Calls to it would run
 * untraced without a word otherwise.
 */
final class UninterceptableTracedMethods implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UninterceptableTracedMethods.class);

	private final ConfigurableListableBeanFactory beanFactory;

	UninterceptableTracedMethods(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		find().forEach((method, reason) -> logger.warn("tracekit: " + method + " is annotated for tracing but is "
				+ reason + ", so its calls are not traced. Trace a public, non-final method called from another bean."));
	}

	/** Each uninterceptable annotated method, described, with why a proxy cannot intercept it. */
	Map<String, String> find() {
		Map<String, String> found = new LinkedHashMap<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			// Without initialising factory beans: this check must not create anything.
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null || Proxy.isProxyClass(type)) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (!TracedMethods.isCandidateClass(userClass)) {
				continue;
			}
			ReflectionUtils.doWithMethods(userClass, (method) -> {
				String reason = uninterceptable(method);
				if (reason != null && isAnnotated(method)) {
					found.putIfAbsent(TracedMethods.describe(method, method.getDeclaringClass()), reason);
				}
			}, ReflectionUtils.USER_DECLARED_METHODS);
		}
		return found;
	}

	private static @Nullable String uninterceptable(Method method) {
		int modifiers = method.getModifiers();
		if (Modifier.isPrivate(modifiers)) {
			return "private (called on the object itself, never through its proxy)";
		}
		if (Modifier.isStatic(modifiers)) {
			return "static (called on the class, never through a proxy)";
		}
		if (Modifier.isFinal(modifiers)) {
			return "final (a class-based proxy, Spring Boot's default, cannot override it)";
		}
		return null;
	}

	private static boolean isAnnotated(Method method) {
		MergedAnnotations annotations = MergedAnnotations.from(method);
		return annotations.isPresent(Traced.class) || annotations.isPresent(TracedMethods.WITH_SPAN);
	}

}
