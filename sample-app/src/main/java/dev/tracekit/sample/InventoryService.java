package dev.tracekit.sample;

import io.micrometer.observation.annotation.ObservationKeyValue;
import io.micrometer.observation.annotation.Observed;

import org.springframework.stereotype.Service;

/** Stock levels. A span with the SKU as an attribute. */
@Service
public class InventoryService {

	@Observed(contextualName = "InventoryService.stock")
	public Stock stock(@ObservationKeyValue("sku") String sku) {
		return new Stock(sku, Math.floorMod(sku.hashCode(), 10));
	}

	public record Stock(String sku, int available) {
	}

}
