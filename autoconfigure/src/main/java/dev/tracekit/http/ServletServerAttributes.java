package dev.tracekit.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Reads a Spring MVC request and its response, from the observation context of Spring's
 * {@code ServerHttpObservationFilter}, for OpenTelemetry's HTTP server conventions.
 */
final class ServletServerAttributes
		implements HttpServerAttributesGetter<ServerRequestObservationContext, ServerRequestObservationContext> {

	static HttpSpanConvention<ServerRequestObservationContext> convention() {
		return HttpSpanConvention.server(ServerRequestObservationContext.class, new ServletServerAttributes(),
				(context) -> context.getResponse() != null);
	}

	@Override
	public @Nullable String getHttpRequestMethod(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		return (request != null) ? request.getMethod() : null;
	}

	@Override
	public List<String> getHttpRequestHeader(ServerRequestObservationContext context, String name) {
		HttpServletRequest request = context.getCarrier();
		return (request != null) ? Collections.list(request.getHeaders(name)) : List.of();
	}

	@Override
	public @Nullable Integer getHttpResponseStatusCode(ServerRequestObservationContext context,
			ServerRequestObservationContext response, @Nullable Throwable error) {
		HttpServletResponse servletResponse = context.getResponse();
		return (servletResponse != null) ? servletResponse.getStatus() : null;
	}

	@Override
	public List<String> getHttpResponseHeader(ServerRequestObservationContext context,
			ServerRequestObservationContext response, String name) {
		HttpServletResponse servletResponse = context.getResponse();
		return (servletResponse != null) ? new ArrayList<>(servletResponse.getHeaders(name)) : List.of();
	}

	@Override
	public @Nullable String getUrlScheme(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		return (request != null) ? request.getScheme() : null;
	}

	@Override
	public @Nullable String getUrlPath(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		return (request != null) ? request.getRequestURI() : null;
	}

	@Override
	public @Nullable String getUrlQuery(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		return (request != null) ? request.getQueryString() : null;
	}

	@Override
	public @Nullable String getHttpRoute(ServerRequestObservationContext context) {
		return HttpSpanConvention.route(context.getPathPattern());
	}

	@Override
	public @Nullable String getNetworkProtocolName(ServerRequestObservationContext context,
			@Nullable ServerRequestObservationContext response) {
		String protocol = protocol(context);
		return (protocol != null) ? protocol.substring(0, protocol.indexOf('/')).toLowerCase(Locale.ROOT) : null;
	}

	@Override
	public @Nullable String getNetworkProtocolVersion(ServerRequestObservationContext context,
			@Nullable ServerRequestObservationContext response) {
		String protocol = protocol(context);
		return (protocol != null) ? protocol.substring(protocol.indexOf('/') + 1) : null;
	}

	// "HTTP/1.1", "HTTP/2.0"; anything else is left out.
	private static @Nullable String protocol(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		String protocol = (request != null) ? request.getProtocol() : null;
		return (protocol != null && protocol.indexOf('/') > 0) ? protocol : null;
	}

	@Override
	public @Nullable String getNetworkPeerAddress(ServerRequestObservationContext context,
			@Nullable ServerRequestObservationContext response) {
		HttpServletRequest request = context.getCarrier();
		return (request != null) ? request.getRemoteAddr() : null;
	}

	@Override
	public @Nullable Integer getNetworkPeerPort(ServerRequestObservationContext context,
			@Nullable ServerRequestObservationContext response) {
		HttpServletRequest request = context.getCarrier();
		return (request != null) ? request.getRemotePort() : null;
	}

}
