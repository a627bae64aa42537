package dev.tracekit.http;

import java.net.InetSocketAddress;
import java.util.List;

import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Reads a WebFlux request and its response, from the observation context of Spring's
 * {@code HttpWebHandlerAdapter}, for OpenTelemetry's HTTP server conventions. A request whose
 * connection was closed before the response has no status code.
 */
final class ReactiveServerAttributes
		implements HttpServerAttributesGetter<ServerRequestObservationContext, ServerRequestObservationContext> {

	static HttpSpanConvention<ServerRequestObservationContext> convention() {
		return HttpSpanConvention.server(ServerRequestObservationContext.class, new ReactiveServerAttributes(),
				(context) -> statusCode(context) != null);
	}

	@Override
	public @Nullable String getHttpRequestMethod(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		return (request != null) ? request.getMethod().name() : null;
	}

	@Override
	public List<String> getHttpRequestHeader(ServerRequestObservationContext context, String name) {
		ServerHttpRequest request = context.getCarrier();
		return (request != null) ? request.getHeaders().getOrEmpty(name) : List.of();
	}

	@Override
	public @Nullable Integer getHttpResponseStatusCode(ServerRequestObservationContext context,
			ServerRequestObservationContext response, @Nullable Throwable error) {
		return statusCode(context);
	}

	private static @Nullable Integer statusCode(ServerRequestObservationContext context) {
		ServerHttpResponse response = context.getResponse();
		if (context.isConnectionAborted() || response == null) {
			return null;
		}
		HttpStatusCode status = response.getStatusCode();
		return (status != null) ? status.value() : null;
	}

	@Override
	public List<String> getHttpResponseHeader(ServerRequestObservationContext context,
			ServerRequestObservationContext response, String name) {
		ServerHttpResponse serverResponse = context.getResponse();
		return (serverResponse != null) ? serverResponse.getHeaders().getOrEmpty(name) : List.of();
	}

	@Override
	public @Nullable String getUrlScheme(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		return (request != null) ? request.getURI().getScheme() : null;
	}

	@Override
	public @Nullable String getUrlPath(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		return (request != null) ? request.getURI().getRawPath() : null;
	}

	@Override
	public @Nullable String getUrlQuery(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		return (request != null) ? request.getURI().getRawQuery() : null;
	}

	@Override
	public @Nullable String getHttpRoute(ServerRequestObservationContext context) {
		return HttpSpanConvention.route(context.getPathPattern());
	}

	@Override
	public @Nullable InetSocketAddress getNetworkPeerInetSocketAddress(ServerRequestObservationContext context,
			@Nullable ServerRequestObservationContext response) {
		ServerHttpRequest request = context.getCarrier();
		return (request != null) ? request.getRemoteAddress() : null;
	}

}
