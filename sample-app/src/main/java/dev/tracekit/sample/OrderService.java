package dev.tracekit.sample;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;

import org.springframework.stereotype.Service;

/**
 * Order logic. Each public method is a span named after it, with the order id as an attribute.
 */
@Service
public class OrderService {

	private final InventoryClient inventory;

	OrderService(InventoryClient inventory) {
		this.inventory = inventory;
	}

	@Traced
	public OrderSummary summary(@SpanAttribute("order.id") String orderId) {
		String sku = skuOf(orderId);
		int quantity = 2;
		InventoryService.Stock stock = this.inventory.stockOf(sku);
		return new OrderSummary(orderId, sku, quantity, stock.available() >= quantity);
	}

	@Traced
	public Invoice invoice(@SpanAttribute("order.id") String orderId) {
		// On purpose: the sample shows what a failing request looks like in a trace.
		throw new IllegalStateException("Invoicing is down for maintenance (order " + orderId + ")");
	}

	static String skuOf(String orderId) {
		return "book-" + orderId;
	}

	public record OrderSummary(String orderId, String sku, int quantity, boolean inStock) {
	}

	public record Invoice(String orderId, long amountCents) {
	}

}
