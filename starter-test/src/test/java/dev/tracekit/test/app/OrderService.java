package dev.tracekit.test.app;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;

import org.springframework.stereotype.Service;

@Service
public class OrderService {

	@Traced
	public String summary(@SpanAttribute("order.id") String id) {
		return "order " + id;
	}

	@Traced
	public String invoice(@SpanAttribute("order.id") String id) {
		throw new IllegalStateException("no invoice for order " + id);
	}

	/** Its span ends when the future completes, on another thread, after the call returned. */
	@Traced
	public CompletableFuture<String> deliveryEstimate(@SpanAttribute("order.id") String id, Duration delay) {
		return CompletableFuture.supplyAsync(() -> "tomorrow",
				CompletableFuture.delayedExecutor(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
	}

}
