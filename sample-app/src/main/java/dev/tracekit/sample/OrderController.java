package dev.tracekit.sample;

import java.util.concurrent.CompletableFuture;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The first service: orders. Each request is a server span; the log lines carry its trace id. */
@RestController
class OrderController {

	private static final Logger logger = LoggerFactory.getLogger(OrderController.class);

	private final OrderService orders;

	private final DeliveryService deliveries;

	private final ObservationRegistry observationRegistry;

	OrderController(OrderService orders, DeliveryService deliveries, ObservationRegistry observationRegistry) {
		this.orders = orders;
		this.deliveries = deliveries;
		this.observationRegistry = observationRegistry;
	}

	@GetMapping("/orders/{id}")
	OrderService.OrderSummary order(@PathVariable String id) {
		logger.info("Order {} requested", id);
		return this.orders.summary(id);
	}

	@GetMapping("/orders/{id}/delivery")
	CompletableFuture<DeliveryService.DeliveryEstimate> delivery(@PathVariable String id) {
		logger.info("Delivery estimate for order {} requested", id);
		return this.deliveries.estimate(id);
	}

	@GetMapping("/orders/{id}/invoice")
	OrderService.Invoice invoice(@PathVariable String id) {
		logger.info("Invoice for order {} requested", id);
		return this.orders.invoice(id);
	}

	// The invoice endpoint fails on purpose. Handled here: one log line instead of a stack trace and
	// a 500 answer. A handled exception does not reach the request's server span by itself, so it is
	// recorded on the current observation, which is that request's.
	@ExceptionHandler(IllegalStateException.class)
	@ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
	ProblemDetail failed(IllegalStateException ex) {
		logger.warn("Request failed: {}", ex.getMessage());
		Observation request = this.observationRegistry.getCurrentObservation();
		if (request != null) {
			request.error(ex);
		}
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage());
	}

}
