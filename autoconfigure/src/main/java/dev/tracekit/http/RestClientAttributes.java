package dev.tracekit.http;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * Reads a {@code RestClient} or {@code RestTemplate} call, from their shared observation context,
 * for OpenTelemetry's HTTP client conventions.
 */
final class RestClientAttributes extends UriClientAttributes<ClientRequestObservationContext> {

	static HttpSpanConvention<ClientRequestObservationContext> convention() {
		return HttpSpanConvention.client(ClientRequestObservationContext.class, new RestClientAttributes(),
				(context) -> context.getResponse() != null);
	}

	@Override
	public @Nullable String getHttpRequestMethod(ClientRequestObservationContext context) {
		ClientHttpRequest request = context.getCarrier();
		return (request != null) ? request.getMethod().name() : null;
	}

	@Override
	public List<String> getHttpRequestHeader(ClientRequestObservationContext context, String name) {
		ClientHttpRequest request = context.getCarrier();
		return (request != null) ? request.getHeaders().getOrEmpty(name) : List.of();
	}

	@Override
	public @Nullable Integer getHttpResponseStatusCode(ClientRequestObservationContext context,
			ClientRequestObservationContext response, @Nullable Throwable error) {
		ClientHttpResponse clientResponse = context.getResponse();
		try {
			return (clientResponse != null) ? clientResponse.getStatusCode().value() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public List<String> getHttpResponseHeader(ClientRequestObservationContext context,
			ClientRequestObservationContext response, String name) {
		ClientHttpResponse clientResponse = context.getResponse();
		return (clientResponse != null) ? clientResponse.getHeaders().getOrEmpty(name) : List.of();
	}

	@Override
	@Nullable URI uri(ClientRequestObservationContext context) {
		ClientHttpRequest request = context.getCarrier();
		return (request != null) ? request.getURI() : null;
	}

}
