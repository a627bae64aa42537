package dev.tracekit.http;

import java.util.function.Function;
import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.SpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.SpanStatusBuilder;
import io.opentelemetry.instrumentation.api.instrumenter.SpanStatusExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The name, attributes and status of the spans of one kind of Spring HTTP observation context, by
 * OpenTelemetry's HTTP semantic conventions. The rules are OpenTelemetry's own (its
 * instrumentation API's HTTP extractors, which its Java agent uses); this class only feeds them
 * the observation context, as request and as response.
 *
 * <p>
 * One rule differs: a server exchange that answered with a status code is judged by the code
 * alone, so a 404 whose exception a handler turned into the response (WebFlux reports those) is
 * not an error. The exception is still recorded on the span.
 *
 * @param <C> the observation context type
 */
final class HttpSpanConvention<C extends Observation.Context> {

	private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	private final Class<C> contextType;

	private final boolean server;

	private final AttributesExtractor<C, C> attributes;

	private final SpanNameExtractor<C> names;

	private final SpanStatusExtractor<C, C> status;

	private final Predicate<C> responded;

	private final Function<C, @Nullable String> route;

	private HttpSpanConvention(Class<C> contextType, boolean server, AttributesExtractor<C, C> attributes,
			SpanNameExtractor<C> names, SpanStatusExtractor<C, C> status, Predicate<C> responded,
			Function<C, @Nullable String> route) {
		this.contextType = contextType;
		this.server = server;
		this.attributes = attributes;
		this.names = names;
		this.status = status;
		this.responded = responded;
		this.route = route;
	}

	static <C extends Observation.Context> HttpSpanConvention<C> server(Class<C> contextType,
			HttpServerAttributesGetter<C, C> getter, Predicate<C> responded) {
		return new HttpSpanConvention<>(contextType, true, HttpServerAttributesExtractor.create(getter),
				HttpSpanNameExtractor.create(getter), HttpSpanStatusExtractor.create(getter), responded,
				getter::getHttpRoute);
	}

	static <C extends Observation.Context> HttpSpanConvention<C> client(Class<C> contextType,
			HttpClientAttributesGetter<C, C> getter, Predicate<C> responded) {
		return new HttpSpanConvention<>(contextType, false, HttpClientAttributesExtractor.create(getter),
				HttpSpanNameExtractor.create(getter), HttpSpanStatusExtractor.create(getter), responded,
				(context) -> null);
	}

	boolean supports(Observation.Context context) {
		return this.contextType.isInstance(context);
	}

	/** The span name as it stands: without the route until the handler is known. */
	String name(Observation.Context context) {
		return this.names.extract(this.contextType.cast(context));
	}

	/** What is known when the request starts, for samplers too. */
	Attributes startAttributes(Observation.Context context) {
		AttributesBuilder builder = Attributes.builder();
		this.attributes.onStart(builder, Context.root(), this.contextType.cast(context));
		return builder.build();
	}

	/** What is known once the response is: status code, error type, route. */
	Attributes endAttributes(Observation.Context context) {
		C exchange = this.contextType.cast(context);
		AttributesBuilder builder = Attributes.builder();
		this.attributes.onEnd(builder, Context.root(), exchange, response(exchange), context.getError());
		// OpenTelemetry reads the route at the start; Spring resolves it later, while handling.
		String route = this.route.apply(exchange);
		if (route != null) {
			builder.put(HTTP_ROUTE, route);
		}
		return builder.build();
	}

	/** Whether the span's status is ERROR. */
	boolean isError(Observation.Context context) {
		C exchange = this.contextType.cast(context);
		C response = response(exchange);
		Throwable error = (this.server && response != null) ? null : context.getError();
		DecidedStatus decided = new DecidedStatus();
		this.status.extract(decided, exchange, response, error);
		return decided.code == StatusCode.ERROR;
	}

	private @Nullable C response(C exchange) {
		return this.responded.test(exchange) ? exchange : null;
	}

	/** A route Spring reported, or {@code null}: an empty pattern is no route. */
	static @Nullable String route(@Nullable String pathPattern) {
		return StringUtils.hasText(pathPattern) ? pathPattern : null;
	}

	private static final class DecidedStatus implements SpanStatusBuilder {

		private StatusCode code = StatusCode.UNSET;

		@Override
		public SpanStatusBuilder setStatus(StatusCode code, String description) {
			this.code = code;
			return this;
		}

	}

}
