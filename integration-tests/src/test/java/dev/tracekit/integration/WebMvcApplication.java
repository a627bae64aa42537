package dev.tracekit.integration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** A Spring MVC app whose one endpoint calls the peer with the auto-configured RestClient.Builder. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WebMvcApplication.HelloController.class)
class WebMvcApplication {

	@RestController
	static class HelloController {

		private static final Logger logger = LoggerFactory.getLogger(HelloController.class);

		private final RestClient restClient;

		private final String peerUrl;

		HelloController(RestClient.Builder restClientBuilder, @Value("${peer.url}") String peerUrl) {
			this.restClient = restClientBuilder.build();
			this.peerUrl = peerUrl;
		}

		@GetMapping("/hello")
		String hello() {
			logger.info("hello handled");
			return this.restClient.get().uri(this.peerUrl).retrieve().body(String.class);
		}

	}

}
