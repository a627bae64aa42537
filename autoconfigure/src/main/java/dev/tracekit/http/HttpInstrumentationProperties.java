package dev.tracekit.http;

/**
 * The spans of Spring's HTTP instrumentation, configured under
 * {@code tracekit.instrumentation.http.*}.
 */
public class HttpInstrumentationProperties {

	/**
	 * Names and attributes of the spans of Spring MVC, WebFlux, RestClient, RestTemplate and
	 * WebClient: "opentelemetry" (the stable HTTP semantic conventions) or "micrometer" (the
	 * observation's own key values, as Spring Boot sends them). Metrics keep Spring's conventions
	 * either way.
	 */
	private HttpConventions conventions = HttpConventions.OPENTELEMETRY;

	public HttpConventions getConventions() {
		return this.conventions;
	}

	public void setConventions(HttpConventions conventions) {
		this.conventions = conventions;
	}

}
