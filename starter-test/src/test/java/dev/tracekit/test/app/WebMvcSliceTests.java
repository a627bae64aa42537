package dev.tracekit.test.app;

import dev.tracekit.test.CapturedSpans;
import dev.tracekit.test.autoconfigure.AutoConfigureTracekit;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static dev.tracekit.test.TraceAssertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A slice test: {@code @AutoConfigureTracekit} brings tracekit's pipeline and Spring's MVC
 * instrumentation into a {@code @WebMvcTest}, which has neither by itself.
 */
@WebMvcTest(OrderController.class)
@Import(OrderService.class)
@AutoConfigureTracekit
class WebMvcSliceTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private CapturedSpans spans;

	@Test
	void aMockMvcRequestIsTracedThroughTheTracedService() throws Exception {
		this.mvc.perform(get("/orders/3")).andExpect(status().isOk());
		assertThat(this.spans).hasSpanCount(2).allInOneTrace().hasNoOrphans();
		assertThat(this.spans).span("GET /orders/{id}").isRoot().hasKind(SpanKind.SERVER)
			.hasChildren("OrderService.summary");
	}

}
