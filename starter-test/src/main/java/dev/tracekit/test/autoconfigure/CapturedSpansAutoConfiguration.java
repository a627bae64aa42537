package dev.tracekit.test.autoconfigure;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.test.CapturedSpans;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Adds {@link CapturedSpans} to the test's context and its processor to tracekit's tracer
 * provider, which takes every {@code SpanProcessor} bean. Imported by
 * {@link AutoConfigureTracekit}, never by the application's own auto-configuration.
 */
@AutoConfiguration(before = TracekitAutoConfiguration.class)
@ConditionalOnClass(SdkTracerProvider.class)
public final class CapturedSpansAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CapturedSpans tracekitCapturedSpans() {
		return new CapturedSpans();
	}

	@Bean
	SpanProcessor tracekitCapturedSpansProcessor(CapturedSpans capturedSpans) {
		return capturedSpans.processor();
	}

}
