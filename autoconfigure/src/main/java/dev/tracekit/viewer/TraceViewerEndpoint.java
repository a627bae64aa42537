package dev.tracekit.viewer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * {@code /actuator/traces}: the recent traces, newest first, optionally filtered by
 * {@code name}, {@code minDuration} (such as {@code 100ms}) and {@code error}; a browser, which
 * asks for HTML, gets the trace viewer page instead, which asks for the same data as JSON.
 * {@code /actuator/traces/{traceId}}: one trace with every kept span. Not exposed over the web
 * unless listed in {@code management.endpoints.web.exposure.include}.
 *
 * <p>
 * The page is served by the endpoint itself, not as a static resource, so it is wherever the
 * endpoint is (base path, path mapping, management port), under the same security rules, on
 * Spring MVC, WebFlux and Jersey alike.
 */
@WebEndpoint(id = "traces")
public final class TraceViewerEndpoint {

	private final RecentTraces traces;

	private final TraceViewerPage page;

	public TraceViewerEndpoint(RecentTraces traces) {
		this(traces, TraceViewerPage.load());
	}

	TraceViewerEndpoint(RecentTraces traces, TraceViewerPage page) {
		this.traces = traces;
		this.page = page;
	}

	/**
	 * The matching traces as JSON, or the page for a client that asks for HTML.
	 * @param format what the client accepts
	 * @param name part of any span's name, ignoring case
	 * @param minDuration the shortest trace wanted
	 * @param error only traces with ({@code true}) or without ({@code false}) an error span
	 * @return the list, or the page
	 */
	@ReadOperation(producesFrom = Format.class)
	public WebEndpointResponse<Object> traces(Format format, @Nullable String name, @Nullable Duration minDuration,
			@Nullable Boolean error) {
		if (format == Format.HTML) {
			return new WebEndpointResponse<>(this.page.html(), format);
		}
		if (minDuration != null && minDuration.isNegative()) {
			throw new InvalidEndpointRequestException("minDuration must not be negative",
					"minDuration must not be negative: " + minDuration);
		}
		return new WebEndpointResponse<>(this.traces.list(new TraceQuery(name, minDuration, error)), format);
	}

	/** One trace, whole, or 404 when it is not (or no longer) kept. */
	@ReadOperation
	public @Nullable TraceDetail trace(@Selector String traceId) {
		return this.traces.trace(traceId);
	}

	/**
	 * What the list operation produces. A browser's {@code Accept} names HTML and {@code *}/{@code *};
	 * the value with the highest ordinal among those it accepts wins, so HTML comes last and JSON,
	 * the answer for {@code *}/{@code *} or no {@code Accept} at all, before it.
	 */
	public enum Format implements Producible<Format> {

		/** Spring Boot's actuator media type, for clients that ask for it. */
		ACTUATOR_JSON(ApiVersion.V3.getProducedMimeType()),

		/** Plain JSON, the default. */
		JSON(MimeTypeUtils.APPLICATION_JSON) {

			@Override
			public boolean isDefault() {
				return true;
			}

		},

		/** The trace viewer page. */
		HTML(new MimeType("text", "html", StandardCharsets.UTF_8));

		private final MimeType mimeType;

		Format(MimeType mimeType) {
			this.mimeType = mimeType;
		}

		@Override
		public MimeType getProducedMimeType() {
			return this.mimeType;
		}

	}

}
