package dev.tracekit.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.diagnostics.DistinctWarnings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tracekit.propagators} is read as the SDK reads {@code OTEL_PROPAGATORS}: empty entries and
 * duplicates are ignored, an empty list is the default, and a list without baggage is warned about.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropagatorListTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.exporters.memory.type=none", "tracekit.resource.service-name=test");

	@Test
	void nullEntriesAndDuplicatesAreDroppedInTheirFirstOrder() {
		List<PropagatorType> bound = new ArrayList<>(Arrays.asList(PropagatorType.B3, null, PropagatorType.TRACECONTEXT,
				PropagatorType.B3, null));
		assertThat(PropagatorList.normalize(bound)).containsExactly(PropagatorType.B3, PropagatorType.TRACECONTEXT);
		assertThat(PropagatorList.normalize(Arrays.asList((PropagatorType) null))).isEqualTo(PropagatorList.DEFAULT);
	}

	@Test
	void anEmptyListKeepsTheDefault() {
		this.runner.withPropertyValues("tracekit.propagators=")
			.run((context) -> assertThat(headers(context.getBean(ContextPropagators.class))).containsOnlyKeys(
					"traceparent", "tracestate"));
		this.runner.withPropertyValues("tracekit.propagators=")
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.containsExactly("traceparent", "tracestate", "baggage"));
	}

	@Test
	void aTrailingOrDoubledCommaIsIgnored() {
		this.runner.withPropertyValues("tracekit.propagators=tracecontext,,b3,")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(headers(context.getBean(ContextPropagators.class))).containsOnlyKeys("traceparent",
						"tracestate", "b3");
			});
	}

	@Test
	void aDuplicatedPropagatorInjectsItsHeaderOnce() {
		this.runner.withPropertyValues("tracekit.propagators=tracecontext,tracecontext")
			.run((context) -> {
				ContextPropagators propagators = context.getBean(ContextPropagators.class);
				assertThat(propagators.getTextMapPropagator().fields()).containsExactly("traceparent", "tracestate");
				List<String> injected = new ArrayList<>();
				propagators.getTextMapPropagator()
					.inject(sampledContext(), injected, (carrier, key, value) -> carrier.add(key));
				assertThat(injected).containsExactly("traceparent", "tracestate");
			});
	}

	@Test
	void tracecontextWithoutBaggageIsWarnedAboutUntilAcknowledged(CapturedOutput output) {
		// Warnings are told once per JVM; an earlier test may have told this one.
		DistinctWarnings.forget();
		this.runner.withPropertyValues("tracekit.propagators=tracecontext,b3").run((context) -> {
		});
		assertThat(output).containsOnlyOnce("tracekit.propagators has tracecontext but not baggage")
			.contains("tracekit.diagnostics.acknowledged-warnings=no-baggage");
		int before = output.getAll().length();
		this.runner
			.withPropertyValues("tracekit.propagators=tracecontext",
					"tracekit.diagnostics.acknowledged-warnings=no-baggage")
			.run((context) -> {
			});
		assertThat(output.getAll().substring(before)).doesNotContain("but not baggage");
	}

	private static Map<String, String> headers(ContextPropagators propagators) {
		Map<String, String> headers = new HashMap<>();
		propagators.getTextMapPropagator().inject(sampledContext(), headers, Map::put);
		return headers;
	}

	private static Context sampledContext() {
		SpanContext span = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.builder().put("vendor", "value").build());
		return Context.root().with(Span.wrap(span));
	}

}
