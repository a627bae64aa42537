package dev.tracekit.test.app;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@GetMapping("/orders/{id}")
	public String order(@PathVariable String id) {
		return this.orders.summary(id);
	}

	@GetMapping("/orders/{id}/invoice")
	public String invoice(@PathVariable String id) {
		return this.orders.invoice(id);
	}

}
