package dev.tracekit.test;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Clears the {@link CapturedSpans} of the test's application context before each test method
 * (and so before its {@code @BeforeEach} methods), so that no test sees another's spans, also
 * when test classes share a cached context. Registered in {@code META-INF/spring.factories}.
 */
class CapturedSpansTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext().getBeanProvider(CapturedSpans.class).ifAvailable(CapturedSpans::clear);
		}
	}

	@Override
	public int getOrder() {
		// After the listeners that prepare the context and inject the test instance.
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}
