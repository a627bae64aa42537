package dev.tracekit.sample;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;

import org.springframework.stereotype.Service;

/** Stock levels. A span with the SKU as an attribute. */
@Service
public class InventoryService {

	@Traced
	public Stock stock(@SpanAttribute("sku") String sku) {
		return new Stock(sku, Math.floorMod(sku.hashCode(), 10));
	}

	public record Stock(String sku, int available) {
	}

}
