package dev.tracekit.http;

import java.util.List;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * Starts and ends the spans of Spring's HTTP observations by their {@link HttpSpanConvention},
 * for the tracing handlers of this package.
 */
final class HttpSpans {

	// The key values of Spring's conventions (Micrometer's, and its OpenTelemetry one for servlet
	// metrics) that the convention's attributes replace. Any other key value, such as one added by
	// an ObservationFilter or management.observations.key-values, stays on the span.
	private static final Set<String> REPLACED_KEYS = Set.of("method", "status", "uri", "outcome", "exception",
			"http.url", "client.name", "http.request.method", "http.request.method_original",
			"http.response.status_code", "http.route", "error.type", "url.scheme", "url.path");

	private HttpSpans() {
	}

	static @Nullable HttpSpanConvention<?> find(List<HttpSpanConvention<?>> conventions,
			Observation.Context context) {
		for (HttpSpanConvention<?> convention : conventions) {
			if (convention.supports(context)) {
				return convention;
			}
		}
		return null;
	}

	static HttpSpanConvention<?> required(List<HttpSpanConvention<?>> conventions, Observation.Context context) {
		HttpSpanConvention<?> convention = find(conventions, context);
		if (convention == null) {
			throw new IllegalStateException("No HTTP span convention for " + context.getClass().getName());
		}
		return convention;
	}

	/** Names the span and gives it what is known at the start, where samplers see it. */
	static Span.Builder starting(Span.Builder builder, HttpSpanConvention<?> convention, Observation.Context context) {
		builder.name(convention.name(context));
		convention.startAttributes(context).forEach((key, value) -> tag(builder, key, value));
		return builder;
	}

	/**
	 * Completes the name, attributes and status, and ends the span. Not through Micrometer's
	 * {@code Span.end()}, which sets status OK where none is set: a successful HTTP span's status
	 * stays unset, as the conventions ask.
	 */
	static void end(Span span, HttpSpanConvention<?> convention, Observation.Context context) {
		if (!(span instanceof OtelSpan)) {
			span.end();
			return;
		}
		io.opentelemetry.api.trace.Span otelSpan = OtelSpan.toOtel(span);
		for (KeyValue keyValue : context.getAllKeyValues()) {
			if (!REPLACED_KEYS.contains(keyValue.getKey())) {
				otelSpan.setAttribute(keyValue.getKey(), keyValue.getValue());
			}
		}
		otelSpan.setAllAttributes(convention.endAttributes(context));
		otelSpan.updateName(convention.name(context));
		Throwable error = context.getError();
		if (error != null) {
			otelSpan.recordException(error);
		}
		if (convention.isError(context)) {
			otelSpan.setStatus(StatusCode.ERROR);
		}
		otelSpan.end();
	}

	@SuppressWarnings("unchecked")
	private static void tag(Span.Builder builder, AttributeKey<?> key, Object value) {
		switch (key.getType()) {
			case STRING -> builder.tag(key.getKey(), (String) value);
			case LONG -> builder.tag(key.getKey(), (Long) value);
			case DOUBLE -> builder.tag(key.getKey(), (Double) value);
			case BOOLEAN -> builder.tag(key.getKey(), (Boolean) value);
			case STRING_ARRAY -> builder.tagOfStrings(key.getKey(), (List<String>) value);
			case LONG_ARRAY -> builder.tagOfLongs(key.getKey(), (List<Long>) value);
			case DOUBLE_ARRAY -> builder.tagOfDoubles(key.getKey(), (List<Double>) value);
			case BOOLEAN_ARRAY -> builder.tagOfBooleans(key.getKey(), (List<Boolean>) value);
			default -> builder.tag(key.getKey(), String.valueOf(value));
		}
	}

}
