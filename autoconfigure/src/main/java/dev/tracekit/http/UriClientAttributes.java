package dev.tracekit.http;

import java.net.URI;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import org.jspecify.annotations.Nullable;

/**
 * The parts of OpenTelemetry's HTTP client attributes that come from the request URI, for the
 * Spring clients' observation contexts.
 *
 * @param <C> the observation context type
 */
abstract class UriClientAttributes<C> implements HttpClientAttributesGetter<C, C> {

	/** The request URI, or {@code null} when the context has no request. */
	abstract @Nullable URI uri(C context);

	@Override
	public final @Nullable String getUrlFull(C context) {
		URI uri = uri(context);
		return (uri != null) ? uri.toString() : null;
	}

	@Override
	public final @Nullable String getServerAddress(C context) {
		URI uri = uri(context);
		return (uri != null) ? uri.getHost() : null;
	}

	// The scheme's default when the URI names no port: server.port is required on client spans.
	@Override
	public final @Nullable Integer getServerPort(C context) {
		URI uri = uri(context);
		if (uri == null) {
			return null;
		}
		if (uri.getPort() > 0) {
			return uri.getPort();
		}
		if ("https".equalsIgnoreCase(uri.getScheme())) {
			return 443;
		}
		return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : null;
	}

}
