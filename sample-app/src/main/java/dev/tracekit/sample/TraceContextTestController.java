package dev.tracekit.sample;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The test service of the W3C Trace Context conformance harness
 * (https://github.com/w3c/trace-context/tree/main/test). {@code POST /test} takes a JSON array of
 * {@code {"url": ..., "arguments": [...]}}; for each element it POSTs the arguments as JSON to the
 * URL, carrying the current trace context in {@code traceparent}/{@code tracestate}, then answers
 * 200.
 */
@RestController
class TraceContextTestController {

	private static final Logger logger = LoggerFactory.getLogger(TraceContextTestController.class);

	private final RestClient restClient;

	TraceContextTestController(RestClient.Builder restClientBuilder) {
		this.restClient = restClientBuilder.build();
	}

	@PostMapping("/test")
	void test(@RequestBody List<Call> calls) {
		for (Call call : calls) {
			try {
				this.restClient.post()
					.uri(URI.create(call.url()))
					.contentType(MediaType.APPLICATION_JSON)
					.body(call.arguments())
					.retrieve()
					.toBodilessEntity();
			}
			catch (RestClientException ex) {
				// The harness checks what arrives; one unreachable URL must not hide the others.
				logger.warn("POST {} failed: {}", call.url(), ex.getMessage());
			}
		}
	}

	record Call(String url, List<Object> arguments) {
	}

}
