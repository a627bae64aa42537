package dev.tracekit.traced;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * Applies the tracing interceptor to the methods {@link TracedMethods} finds traced. Spring's
 * auto-proxy creator adds it to a bean's proxy, joining the interceptors already there
 * ({@code @Transactional}, {@code @Cacheable}, ...), and leaves beans without a traced method
 * unproxied.
 *
 * <p>
 * Its {@link #ORDER} puts the span outside transactions and caching declared with their default
 * order, so it measures the commit and shows cache hits. {@code @Async}'s interceptor always runs
 * first, so the span belongs to the thread that does the work.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class TracedAdvisor extends StaticMethodMatcherPointcutAdvisor {

	/** Just before the default order of {@code @EnableTransactionManagement} and {@code @EnableCaching}. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private final transient TracedMethods methods;

	TracedAdvisor(TracedMethods methods, TracedInterceptor interceptor) {
		super(interceptor);
		this.methods = methods;
		setOrder(ORDER);
		setClassFilter(methods::isCandidate);
	}

	@Override
	public boolean matches(Method method, @Nullable Class<?> targetClass) {
		return this.methods.get(method, targetClass) != null;
	}

}
