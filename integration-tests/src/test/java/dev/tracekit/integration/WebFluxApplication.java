package dev.tracekit.integration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/** A WebFlux app whose one endpoint calls the peer with the auto-configured WebClient.Builder. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WebFluxApplication.HelloController.class)
class WebFluxApplication {

	@RestController
	static class HelloController {

		private static final Logger logger = LoggerFactory.getLogger(HelloController.class);

		private final WebClient webClient;

		private final String peerUrl;

		HelloController(WebClient.Builder webClientBuilder, @Value("${peer.url}") String peerUrl) {
			this.webClient = webClientBuilder.build();
			this.peerUrl = peerUrl;
		}

		@GetMapping("/hello")
		Mono<String> hello() {
			return this.webClient.get()
				.uri(this.peerUrl)
				.retrieve()
				.bodyToMono(String.class)
				.doOnNext((body) -> logger.info("hello handled"));
		}

	}

}
