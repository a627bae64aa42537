package dev.tracekit.integration;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * The test service of the W3C Trace Context conformance suite on WebFlux, as the sample app's
 * {@code TraceContextTestController} is on Spring MVC: {@code POST /test} takes a JSON array of
 * {@code {"url": ..., "arguments": [...]}} and POSTs each element's arguments to its URL with the
 * auto-configured {@code WebClient}, one after the other, carrying the request's trace context.
 */
@RestController
class WebFluxTraceContextTestService {

	private static final Logger logger = LoggerFactory.getLogger(WebFluxTraceContextTestService.class);

	private final WebClient webClient;

	WebFluxTraceContextTestService(WebClient.Builder webClientBuilder) {
		this.webClient = webClientBuilder.build();
	}

	@PostMapping("/test")
	Mono<Void> test(@RequestBody List<Call> calls) {
		return Flux.fromIterable(calls).concatMap(this::post).then();
	}

	private Mono<?> post(Call call) {
		return this.webClient.post()
			.uri(URI.create(call.url()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(call.arguments())
			.retrieve()
			.toBodilessEntity()
			// The harness checks what arrives; one unreachable URL must not hide the others.
			.onErrorResume(WebClientException.class, (ex) -> {
				logger.warn("POST {} failed: {}", call.url(), ex.getMessage());
				return Mono.empty();
			});
	}

	record Call(String url, List<Object> arguments) {
	}

}
