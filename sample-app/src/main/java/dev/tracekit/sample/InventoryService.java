package dev.tracekit.sample;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/** Stock levels. A span with the SKU as an attribute. */
@Service
public class InventoryService {

	private static final Log logger = LogFactory.getLog(InventoryService.class);

	@Traced
	public Stock stock(@SpanAttribute("sku") String sku) {
		Stock stock = new Stock(sku, Math.floorMod(sku.hashCode(), 10));
		// The log line carries this method's span id: the @Traced span is current, MDC included.
		logger.info("Stock of " + sku + ": " + stock.available());
		return stock;
	}

	public record Stock(String sku, int available) {
	}

}
