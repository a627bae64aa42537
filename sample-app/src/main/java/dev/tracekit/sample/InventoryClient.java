package dev.tracekit.sample;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the inventory service over HTTP. The {@code RestClient} comes from Spring Boot's
 * {@code RestClient.Builder}, which is instrumented: each call is a client span, and the
 * {@code traceparent} header it sends makes the inventory's server span its child.
 */
@Component
class InventoryClient {

	private final RestClient restClient;

	private final Environment environment;

	InventoryClient(RestClient.Builder restClientBuilder, Environment environment) {
		this.restClient = restClientBuilder.build();
		this.environment = environment;
	}

	InventoryService.Stock stockOf(String sku) {
		// In a real system inventory is another service. Here the app calls itself
		// (sample.inventory-url), so one process shows the whole distributed trace.
		String inventoryUrl = this.environment.getRequiredProperty("sample.inventory-url");
		return this.restClient.get()
			.uri(inventoryUrl + "/inventory/{sku}", sku)
			.retrieve()
			.body(InventoryService.Stock.class);
	}

}
