package dev.tracekit.test;

import java.time.Duration;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.tracekit.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Each assertion passes on the trace it describes and fails, with a message that names the spans
 * and shows the trace, on one that differs.
 */
class TraceAssertionsTests {

	private final CapturedSpans spans = new CapturedSpans();

	private SdkTracerProvider provider;

	private Tracer tracer;

	@BeforeEach
	void provider() {
		this.provider = SdkTracerProvider.builder().addSpanProcessor(this.spans.processor()).build();
		this.tracer = this.provider.get("test");
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	// A server span with two children, one of which failed.
	private void checkoutTrace() {
		Span server = this.tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER).startSpan();
		Context parent = Context.root().with(server);
		this.tracer.spanBuilder("CartService.total")
			.setParent(parent)
			.setAttribute("cart.items", 3L)
			.setAttribute("currency", "EUR")
			.startSpan()
			.end();
		Span payment = this.tracer.spanBuilder("PaymentClient.charge")
			.setParent(parent)
			.setSpanKind(SpanKind.CLIENT)
			.startSpan();
		payment.addEvent("retry");
		payment.recordException(new IllegalStateException("card declined"));
		payment.setStatus(StatusCode.ERROR, "card declined");
		payment.end();
		server.end();
	}

	@Test
	void spanFindsTheOneSpanOfItsNameAndFailsOnNoneOrSeveral() {
		checkoutTrace();
		assertThatNoException().isThrownBy(() -> assertThat(this.spans).span("CartService.total"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.spans).span("CartService.sum"))
			.withMessageContaining("Expected exactly one span named 'CartService.sum', but found 0")
			.withMessageContaining("3 spans in 1 trace were captured")
			.withMessageContaining("- 'POST /checkout' SERVER")
			.withMessageContaining("  - 'CartService.total' INTERNAL");
		this.tracer.spanBuilder("CartService.total").startSpan().end();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.spans).span("CartService.total"))
			.withMessageContaining("Expected exactly one span named 'CartService.total', but found 2");
	}

	@Test
	void hasSpanNamedAndHasNoSpanNamed() {
		checkoutTrace();
		assertThat(this.spans).hasSpanNamed("POST /checkout").hasNoSpanNamed("GET /checkout");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).hasSpanNamed("GET /checkout"))
			.withMessageStartingWith("Expected a span named 'GET /checkout', but 3 spans in 1 trace were captured");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).hasNoSpanNamed("POST /checkout"))
			.withMessageStartingWith("Expected no span named 'POST /checkout', but 3 spans");
	}

	@Test
	void hasSpanCountAndHasNoSpans() {
		assertThat(this.spans).hasNoSpans();
		checkoutTrace();
		assertThat(this.spans).hasSpanCount(3);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.spans).hasSpanCount(2))
			.withMessageStartingWith("Expected 2 spans, but 3 spans in 1 trace were captured");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.spans).hasNoSpans())
			.withMessageStartingWith("Expected 0 spans, but 3 spans");
	}

	@Test
	void allInOneTraceFailsWhenASpanStartedItsOwnTrace() {
		checkoutTrace();
		assertThat(this.spans).allInOneTrace();
		this.tracer.spanBuilder("AuditLog.write").startSpan().end();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.spans).allInOneTrace())
			.withMessageStartingWith("Expected all spans in one trace, but 4 spans in 2 traces were captured")
			.withMessageContaining("- 'AuditLog.write' INTERNAL");
	}

	@Test
	void hasNoOrphansFailsWhenAParentWasNotCaptured() {
		checkoutTrace();
		assertThat(this.spans).hasNoOrphans();
		Span lost = this.tracer.spanBuilder("never-ended").startSpan();
		this.tracer.spanBuilder("Worker.run").setParent(Context.root().with(lost)).startSpan().end();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.spans).hasNoOrphans())
			.withMessageStartingWith("Expected no orphan spans, but 'Worker.run' INTERNAL has a parent that was not captured")
			.withMessageContaining("(parent " + lost.getSpanContext().getSpanId() + " not captured)");
	}

	@Test
	void hasKind() {
		checkoutTrace();
		assertThat(this.spans).span("PaymentClient.charge").hasKind(SpanKind.CLIENT);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("PaymentClient.charge").hasKind(SpanKind.INTERNAL))
			.withMessage("Expected span 'PaymentClient.charge' to be of kind INTERNAL, but it is CLIENT");
	}

	@Test
	void hasStatusAndIsError() {
		checkoutTrace();
		assertThat(this.spans).span("PaymentClient.charge").isError();
		assertThat(this.spans).span("CartService.total").hasStatus(StatusCode.UNSET);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("PaymentClient.charge").hasStatus(StatusCode.OK))
			.withMessage("Expected span 'PaymentClient.charge' to have status OK, but it has ERROR (card declined)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").isError())
			.withMessage("Expected span 'CartService.total' to have status ERROR, but it has UNSET");
	}

	@Test
	void hasAttributeComparesByNameAndNumbersByValue() {
		checkoutTrace();
		assertThat(this.spans).span("CartService.total")
			.hasAttribute("cart.items", 3)
			.hasAttribute("currency", "EUR")
			.hasAttribute(AttributeKey.longKey("cart.items"), 3L)
			.doesNotHaveAttribute("coupon");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").hasAttribute("cart.items", 4))
			.withMessage("Expected span 'CartService.total' to have attribute cart.items = 4, but it is 3");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").hasAttribute("coupon", "SPRING"))
			.withMessage("Expected span 'CartService.total' to have attribute coupon = SPRING, but it has no coupon;"
					+ " its attributes are {cart.items=3, currency=EUR}");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").doesNotHaveAttribute("currency"))
			.withMessage("Expected span 'CartService.total' to have no attribute currency, but it is EUR");
	}

	@Test
	void hasEventAndHasException() {
		checkoutTrace();
		assertThat(this.spans).span("PaymentClient.charge").hasEvent("retry").hasException(IllegalStateException.class);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("PaymentClient.charge").hasEvent("timeout"))
			.withMessage("Expected span 'PaymentClient.charge' to have an event 'timeout', but its events are [retry, exception]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").hasException(IllegalStateException.class))
			.withMessage("Expected span 'CartService.total' to record an exception java.lang.IllegalStateException,"
					+ " but it recorded none");
	}

	@Test
	void isRootAndHasParent() {
		checkoutTrace();
		assertThat(this.spans).span("POST /checkout").isRoot();
		assertThat(this.spans).span("CartService.total").hasParent("POST /checkout");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").isRoot())
			.withMessage("Expected span 'CartService.total' to be a root span, but its parent is 'POST /checkout'");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").hasParent("PaymentClient.charge"))
			.withMessageStartingWith("Expected span 'CartService.total' to have parent 'PaymentClient.charge', but its"
					+ " parent is 'POST /checkout'; 3 spans in 1 trace");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("POST /checkout").hasParent("gateway"))
			.withMessageStartingWith("Expected span 'POST /checkout' to have parent 'gateway', but its parent is none"
					+ " (it is a root span)");
	}

	@Test
	void hasParentSpanIdForAParentFromOutside() {
		checkoutTrace();
		String serverId = this.spans.span("POST /checkout").getSpanId();
		assertThat(this.spans).span("CartService.total").hasParentSpanId(serverId);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("CartService.total").hasParentSpanId("00f067aa0ba902b7"))
			.withMessage("Expected span 'CartService.total' to have parent span id 00f067aa0ba902b7, but its parent is"
					+ " 'POST /checkout'");
	}

	@Test
	void hasChildrenAndHasNoChildren() {
		checkoutTrace();
		assertThat(this.spans).span("POST /checkout").hasChildren("PaymentClient.charge", "CartService.total");
		assertThat(this.spans).span("CartService.total").hasNoChildren();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("POST /checkout").hasChildren("CartService.total"))
			.withMessageStartingWith("Expected span 'POST /checkout' to have the children [CartService.total], but its"
					+ " children are [CartService.total, PaymentClient.charge]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("POST /checkout").hasNoChildren())
			.withMessageStartingWith("Expected span 'POST /checkout' to have the children [], but its children are");
	}

	@Test
	void parentAndChildNavigateTheTrace() {
		checkoutTrace();
		assertThat(this.spans).span("POST /checkout").child("PaymentClient.charge").isError().parent().isRoot();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("POST /checkout").child("Inventory.reserve"))
			.withMessageStartingWith("Expected span 'POST /checkout' to have one child named 'Inventory.reserve', but it has 0");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("POST /checkout").parent())
			.withMessage("Expected span 'POST /checkout' to have a captured parent, but its parent is none (it is a root span)");
	}

	@Test
	void isInTraceOf() {
		checkoutTrace();
		this.tracer.spanBuilder("AuditLog.write").startSpan().end();
		assertThat(this.spans).span("CartService.total").isInTraceOf("POST /checkout");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("AuditLog.write").isInTraceOf("POST /checkout"))
			.withMessageStartingWith("Expected span 'AuditLog.write' to be in the trace of 'POST /checkout', but 4 spans in 2 traces");
	}

	@Test
	void satisfiesSdkHandsTheSpanToTheSdksAssertions() {
		checkoutTrace();
		assertThat(this.spans).span("PaymentClient.charge").satisfiesSdk((span) -> span.hasEnded().isSampled());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.spans).span("PaymentClient.charge")
				.satisfiesSdk((span) -> span.hasTotalRecordedEvents(5)));
	}

	@Test
	void awaitSpanWaitsForASpanThatEndsLaterAndFailsNamingWhatEnded() throws Exception {
		Span slow = this.tracer.spanBuilder("slow").startSpan();
		Thread ender = new Thread(() -> {
			sleep(Duration.ofMillis(200));
			slow.end();
		});
		ender.start();
		assertThat(this.spans).hasNoSpans();
		this.spans.awaitSpan("slow", Duration.ofSeconds(10));
		ender.join();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.spans.awaitSpan("never", Duration.ofMillis(100)))
			.withMessageStartingWith("Expected a span named 'never' to end within PT0.1S, but 1 span in 1 trace was captured")
			.withMessageContaining("- 'slow' INTERNAL");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.spans.awaitSpanCount(2, Duration.ofMillis(100)))
			.withMessageStartingWith("Expected 2 spans to end within PT0.1S, but 1 span in 1 trace was captured");
	}

	@Test
	void clearForgetsCapturedSpansAndLeavesOutTracesUnderWayAtThatMoment() {
		Span earlier = this.tracer.spanBuilder("earlier-request").startSpan();
		this.tracer.spanBuilder("done-before-clear").startSpan().end();
		this.spans.clear();
		this.tracer.spanBuilder("earlier-child").setParent(Context.root().with(earlier)).startSpan().end();
		earlier.end();
		this.tracer.spanBuilder("after-clear").startSpan().end();
		assertThat(this.spans).hasSpanCount(1).span("after-clear").isRoot();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
