package dev.tracekit.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The second service: inventory, called by the orders service over HTTP. */
@RestController
class InventoryController {

	private final InventoryService inventory;

	InventoryController(InventoryService inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/inventory/{sku}")
	InventoryService.Stock stock(@PathVariable String sku) {
		return this.inventory.stock(sku);
	}

}
