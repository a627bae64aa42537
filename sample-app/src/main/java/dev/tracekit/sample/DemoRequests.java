package dev.tracekit.sample;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends a few requests to this application once it is ready, so that complete traces show on the
 * console within seconds of starting. Each request is the root of its own trace. Turn it off with
 * {@code sample.demo-requests.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty("sample.demo-requests.enabled")
class DemoRequests {

	private static final Logger logger = LoggerFactory.getLogger(DemoRequests.class);

	private static final List<String> PATHS = List.of("/orders/42", "/orders/42/delivery", "/orders/42/invoice");

	private final RestClient restClient;

	private final ObservationRegistry observationRegistry;

	private final Environment environment;

	DemoRequests(RestClient.Builder restClientBuilder, ObservationRegistry observationRegistry,
			Environment environment) {
		this.restClient = restClientBuilder.build();
		this.observationRegistry = observationRegistry;
		this.environment = environment;
	}

	// Before tracekit's own line about the trace viewer, which then follows the spans printed here.
	@EventListener(ApplicationReadyEvent.class)
	@Order(0)
	void send() {
		String baseUrl = "http://localhost:" + this.environment.getRequiredProperty("local.server.port");
		for (String path : PATHS) {
			Observation.createNotStarted("sample.demo", this.observationRegistry)
				.contextualName("demo GET " + path)
				.observe(() -> get(baseUrl, path));
		}
		logger.info("Demo requests sent. With the console exporter each [tracekit] line above is a span: "
				+ "lines with the same trace= form one trace, linked by parent="
				+ (this.environment.getProperty("tracekit.viewer.enabled", Boolean.class, false)
						? "; the trace viewer (next line) draws them" : ""));
	}

	private void get(String baseUrl, String path) {
		try {
			String body = this.restClient.get().uri(baseUrl + path).retrieve().body(String.class);
			logger.info("Demo GET {} -> {}", path, body);
		}
		catch (RestClientResponseException ex) {
			logger.info("Demo GET {} -> {} (this one fails on purpose)", path, ex.getStatusCode());
		}
	}

}
