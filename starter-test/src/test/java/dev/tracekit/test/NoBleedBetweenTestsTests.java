package dev.tracekit.test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tracekit.test.app.OrderService;
import dev.tracekit.test.app.ShopApplication;
import dev.tracekit.test.autoconfigure.AutoConfigureTracekit;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

import static dev.tracekit.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two test methods in one cached context (shared with {@link CapturedSpansTests}, whose
 * configuration is the same): the second sees none of the first's spans, not even the span of
 * an asynchronous call the first started and that ends while the second runs.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTracekit
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoBleedBetweenTestsTests {

	private static CompletableFuture<String> startedByTheFirstTest;

	private static ApplicationContext firstTestsContext;

	@Autowired
	private CapturedSpans spans;

	@Autowired
	private OrderService orders;

	@Autowired
	private OpenTelemetry openTelemetry;

	@Autowired
	private ApplicationContext context;

	@Test
	@Order(1)
	void theFirstTestSeesOnlyItsOwnSpans() {
		// Whichever test class used this cached context before, nothing of it is here.
		assertThat(this.spans).hasNoSpans();
		this.openTelemetry.getTracer("test").spanBuilder("first-test").startSpan().end();
		startedByTheFirstTest = this.orders.deliveryEstimate("1", Duration.ofMillis(500));
		firstTestsContext = this.context;
		assertThat(this.spans).hasSpanCount(1).hasSpanNamed("first-test");
	}

	@Test
	@Order(2)
	void theSecondTestSeesNoneOfTheFirstsEvenLateOnes() {
		assertThat(this.context).isSameAs(firstTestsContext);
		assertThat(this.spans).hasNoSpans();
		this.openTelemetry.getTracer("test").spanBuilder("second-test").startSpan().end();
		// The first test's asynchronous span ends now, during this test.
		assertThat(startedByTheFirstTest.join()).isEqualTo("tomorrow");
		assertThat(this.spans).hasSpanCount(1).hasSpanNamed("second-test").hasNoSpanNamed("OrderService.deliveryEstimate");
	}

}
