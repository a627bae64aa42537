package dev.tracekit.reliability;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector goes down, or answers later than the exporter waits, while the application
 * produces 1000 spans a second, then recovers.
 */
@ExtendWith(OutputCaptureExtension.class)
class CollectorOutageTests {

	@RegisterExtension
	final FaultyCollector collector = FaultyCollector.start();

	static Stream<Arguments> outages() {
		return Stream.of(CollectorFault.DOWN, CollectorFault.SLOW)
			.flatMap((fault) -> Stream.of(Arguments.of(fault, "grpc"), Arguments.of(fault, "http/protobuf")));
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("outages")
	void spanCallsStayFastTheQueueStaysBoundedAndEveryLostSpanIsCounted(CollectorFault fault, String protocol,
			CapturedOutput output) {
		outage(fault, protocol, Duration.ofSeconds(3), output);
	}

	@Tag("long")
	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("outages")
	void forThirtySecondsTheSameHoldsAndFailuresAreSummarisedMeanwhile(CollectorFault fault, String protocol,
			CapturedOutput output) {
		outage(fault, protocol, Duration.ofSeconds(30), output);
		assertThat(output).contains("exporter 'collector' (otlp " + protocol).contains("is still failing: ");
	}

	private void outage(CollectorFault fault, String protocol, Duration length, CapturedOutput output) {
		FaultWindow.runner(protocol, this.collector.endpoint(protocol, fault)).run((context) -> {
			FaultWindow.Outcome outcome = FaultWindow.run(context, this.collector, fault, length);
			System.out.println(outcome.figures(protocol));
			outcome.assertApplicationUnaffected();
			outcome.assertQueueBoundedAndDropsGrew();
			if (fault == CollectorFault.SLOW) {
				outcome.assertEveryLostSpanCountedAnswersLateOrNot();
			}
			else {
				outcome.assertEveryLostSpanCounted();
			}
			outcome.assertCloseWithinTimeouts();
			assertThat(outcome.failed()).as("spans in exports that failed or timed out").isPositive();
			// A refused connection recovers; an export that timed out says so (OkHttp: "timeout", the
			// JDK's HttpClient, http/protobuf's default sender: "request timed out").
			assertThat(output).contains("exporter 'collector' (otlp " + protocol)
				.containsPattern((fault == CollectorFault.DOWN) ? "recovered: exports succeed again" : "timeout|timed out");
		});
	}

}
