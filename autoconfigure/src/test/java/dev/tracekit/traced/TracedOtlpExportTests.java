package dev.tracekit.traced;

import java.util.List;
import java.util.Map;

import dev.tracekit.annotation.SpanAttribute;
import dev.tracekit.annotation.Traced;
import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * End to end: spans of {@code @Traced} methods travel over OTLP to a real receiver on loopback,
 * with their tree, kinds, typed attributes and errors intact.
 */
class TracedOtlpExportTests {

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();


	@Test
	void tracedSpansArriveOverOtlp() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class, TracedAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.test.protocol=grpc", "tracekit.resource.service-name=shop",
					"tracekit.register-global=false")
			.withUserConfiguration(Fixtures.class)
			.run((context) -> {
				Checkout checkout = context.getBean(Checkout.class);
				checkout.checkout("c-42", 3);
				assertThatIllegalStateException().isThrownBy(() -> checkout.checkout("c-43", -1));
				context.close();
				List<ReceivedSpan> spans = this.receiver.spans();
				assertThat(spans).hasSize(4);
				assertThat(spans).allSatisfy((span) -> {
					assertThat(span.scopeName()).isEqualTo("dev.tracekit.traced");
					assertThat(span.resource()).containsEntry("service.name", "shop");
				});
				ReceivedSpan outer = received(spans, "checkout", "c-42");
				ReceivedSpan inner = spans.stream()
					.filter((span) -> span.name().equals("Payments.charge")
							&& span.parentSpanId().equals(outer.spanId()))
					.findFirst()
					.orElseThrow();
				assertThat(outer.parentSpanId()).isEmpty();
				assertThat(outer.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
				assertThat(outer.attributes()).containsExactlyInAnyOrderEntriesOf(
						Map.of("cart", "c-42", "items", 3L, "channel", "web"));
				assertThat(inner.traceId()).isEqualTo(outer.traceId());
				assertThat(inner.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
				assertThat(inner.attributes()).containsEntry("amounts", List.of(3L, 3L, 3L));
				ReceivedSpan failed = received(spans, "checkout", "c-43");
				assertThat(failed.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
				assertThat(failed.span().getEventsList()).singleElement()
					.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
			});
	}

	private static ReceivedSpan received(List<ReceivedSpan> spans, String name, String cart) {
		return spans.stream()
			.filter((span) -> span.name().equals(name) && cart.equals(span.attributes().get("cart")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + name + " for " + cart + " in " + spans));
	}

	@Configuration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		Payments payments() {
			return new Payments();
		}

		@Bean
		Checkout checkout(Payments payments) {
			return new Checkout(payments);
		}

	}

	static class Checkout {

		private final Payments payments;

		Checkout(Payments payments) {
			this.payments = payments;
		}

		@Traced(value = "checkout", kind = io.opentelemetry.api.trace.SpanKind.SERVER, attributes = "channel=web")
		public void checkout(@SpanAttribute("cart") String cartId, @SpanAttribute("items") int items) {
			this.payments.charge(new long[] { items, items, items });
		}

	}

	static class Payments {

		@Traced(kind = io.opentelemetry.api.trace.SpanKind.CLIENT)
		public void charge(@SpanAttribute long[] amounts) {
			if (amounts[0] < 0) {
				throw new IllegalStateException("negative amount");
			}
		}

	}

}
