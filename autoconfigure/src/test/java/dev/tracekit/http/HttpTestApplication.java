package dev.tracekit.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.NoOpResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;

import static org.awaitility.Awaitility.await;

/**
 * A real web application for the HTTP span tests, on Spring MVC or WebFlux, exporting to an OTLP
 * test receiver, and the three HTTP clients as an application gets them from Spring Boot.
 */
final class HttpTestApplication {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private HttpTestApplication() {
	}

	/**
	 * Starts the application on a free port.
	 * @param webApplicationType "servlet" or "reactive"
	 * @param receiver where spans are exported
	 * @param properties further properties
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(String webApplicationType, OtlpTestReceiver receiver,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"spring.main.web-application-type=" + webApplicationType, "tracekit.resource.service-name=conventions",
				"tracekit.exporters.test.endpoint=" + receiver.grpcEndpoint(),
				"tracekit.exporters.test.processor.type=simple", "tracekit.register-global=false",
				"tracekit.diagnostics.startup-report=false"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(Application.class).properties(all.toArray(String[]::new)).run();
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/** Waits for the first span of the kind whose attribute has the value. */
	static ReceivedSpan awaitSpan(OtlpTestReceiver receiver, SpanKind kind, String attribute, String value) {
		Predicate<ReceivedSpan> matching = (span) -> span.span().getKind() == kind
				&& value.equals(span.attributes().get(attribute));
		return await().atMost(TIMEOUT)
			.until(() -> receiver.spans().stream().filter(matching).findFirst(), Optional::isPresent)
			.get();
	}

	/** The three HTTP clients, each built from the builder Spring Boot configures. */
	enum Client {

		REST_CLIENT {
			@Override
			int get(ConfigurableApplicationContext context, String url) {
				return context.getBean(RestClient.Builder.class)
					.build()
					.get()
					.uri(URI.create(url))
					.exchange((request, response) -> response.getStatusCode().value());
			}
		},

		REST_TEMPLATE {
			@Override
			int get(ConfigurableApplicationContext context, String url) {
				return context.getBean(RestTemplateBuilder.class)
					.errorHandler(new NoOpResponseErrorHandler())
					.build()
					.getForEntity(URI.create(url), String.class)
					.getStatusCode()
					.value();
			}
		},

		WEB_CLIENT {
			@Override
			int get(ConfigurableApplicationContext context, String url) {
				return context.getBean(WebClient.Builder.class)
					.build()
					.get()
					.uri(URI.create(url))
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
					.block(TIMEOUT);
			}
		};

		/** Sends a GET and returns the status code; throws when no answer comes. */
		abstract int get(ConfigurableApplicationContext context, String url);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(OrdersController.class)
	static class Application {

		// High cardinality: on the spans, never a metric tag.
		@Bean
		ObservationFilter tenantObservationFilter() {
			return (context) -> context.addHighCardinalityKeyValue(KeyValue.of("tenant", "acme"));
		}

	}

	/** Plain return values and exceptions: the same controller serves Spring MVC and WebFlux. */
	@RestController
	static class OrdersController {

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id) {
			return "order " + id;
		}

		@GetMapping("/orders/{id}/missing")
		String missing(@PathVariable String id) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
		}

		@GetMapping("/orders/{id}/broken")
		String broken(@PathVariable String id) {
			throw new IllegalStateException("order " + id + " is broken");
		}

	}

}
