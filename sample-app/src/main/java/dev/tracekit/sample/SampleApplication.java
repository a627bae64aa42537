package dev.tracekit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * A small order service traced by tracekit. Spring's instrumentation turns each incoming request
 * and each outgoing {@code RestClient} call into a span, {@code @Traced} does the same for the
 * service methods, and tracekit builds the pipeline they all go through from
 * {@code application.yml}.
 *
 * <ul>
 * <li>{@code GET /orders/{id}}: {@link OrderService} calls {@code GET /inventory/{sku}} over HTTP.</li>
 * <li>{@code GET /orders/{id}/delivery}: a {@code CompletableFuture} completed on another thread.</li>
 * <li>{@code GET /orders/{id}/invoice}: fails with a 500, so an error span shows too.</li>
 * <li>{@code POST /test}: the W3C Trace Context conformance harness's test service.</li>
 * </ul>
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	// Carries the trace context (and the logging MDC) into the threads of Spring Boot's
	// applicationTaskExecutor, so work handed to it stays in the request's trace.
	@Bean
	ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

}
