package dev.tracekit.integration;

import dev.tracekit.annotation.Traced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A Spring MVC app started in its own JVM, with or without the OpenTelemetry Java agent: a request
 * runs a {@code @Traced} method that calls the peer with the auto-configured RestClient.Builder.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ AgentApplication.OrderController.class, AgentApplication.OrderLookup.class })
class AgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgentApplication.class, args);
	}

	@RestController
	static class OrderController {

		private final OrderLookup lookup;

		OrderController(OrderLookup lookup) {
			this.lookup = lookup;
		}

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id) {
			return this.lookup.find(id);
		}

	}

	static class OrderLookup {

		private static final Logger logger = LoggerFactory.getLogger(OrderLookup.class);

		private final RestClient restClient;

		private final String peerUrl;

		OrderLookup(RestClient.Builder restClientBuilder, @Value("${peer.url}") String peerUrl) {
			this.restClient = restClientBuilder.build();
			this.peerUrl = peerUrl;
		}

		@Traced
		public String find(String id) {
			logger.info("order " + id + " looked up");
			return id + " " + this.restClient.get().uri(this.peerUrl).retrieve().body(String.class);
		}

	}

}
