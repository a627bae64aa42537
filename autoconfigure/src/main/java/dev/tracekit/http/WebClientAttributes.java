package dev.tracekit.http;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Reads a {@code WebClient} exchange, from its observation context, for OpenTelemetry's HTTP
 * client conventions. An exchange cancelled before the response has no status code.
 */
final class WebClientAttributes extends UriClientAttributes<ClientRequestObservationContext> {

	static HttpSpanConvention<ClientRequestObservationContext> convention() {
		return HttpSpanConvention.client(ClientRequestObservationContext.class, new WebClientAttributes(),
				(context) -> context.getResponse() != null);
	}

	@Override
	public @Nullable String getHttpRequestMethod(ClientRequestObservationContext context) {
		ClientRequest request = context.getRequest();
		return (request != null) ? request.method().name() : null;
	}

	@Override
	public List<String> getHttpRequestHeader(ClientRequestObservationContext context, String name) {
		ClientRequest request = context.getRequest();
		return (request != null) ? request.headers().getOrEmpty(name) : List.of();
	}

	@Override
	public @Nullable Integer getHttpResponseStatusCode(ClientRequestObservationContext context,
			ClientRequestObservationContext response, @Nullable Throwable error) {
		ClientResponse clientResponse = context.getResponse();
		return (clientResponse != null) ? clientResponse.statusCode().value() : null;
	}

	@Override
	public List<String> getHttpResponseHeader(ClientRequestObservationContext context,
			ClientRequestObservationContext response, String name) {
		ClientResponse clientResponse = context.getResponse();
		return (clientResponse != null) ? clientResponse.headers().header(name) : List.of();
	}

	@Override
	@Nullable URI uri(ClientRequestObservationContext context) {
		ClientRequest request = context.getRequest();
		return (request != null) ? request.url() : null;
	}

}
