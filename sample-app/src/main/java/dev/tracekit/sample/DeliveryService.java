package dev.tracekit.sample;

import java.util.concurrent.CompletableFuture;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Delivery estimates, computed on another thread. The span ends when the future completes, not
 * when the method returns, and the inventory call made on the other thread is its child.
 */
@Service
public class DeliveryService {

	private final InventoryClient inventory;

	private final AsyncTaskExecutor executor;

	DeliveryService(InventoryClient inventory, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.inventory = inventory;
		this.executor = executor;
	}

	@Traced
	public CompletableFuture<DeliveryEstimate> estimate(@SpanAttribute("order.id") String orderId) {
		return CompletableFuture.supplyAsync(() -> {
			InventoryService.Stock stock = this.inventory.stockOf(OrderService.skuOf(orderId));
			return new DeliveryEstimate(orderId, (stock.available() > 0) ? 2 : 10);
		}, this.executor);
	}

	public record DeliveryEstimate(String orderId, int businessDays) {
	}

}
