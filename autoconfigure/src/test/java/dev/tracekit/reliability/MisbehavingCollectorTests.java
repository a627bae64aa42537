package dev.tracekit.reliability;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector answers with errors, or cuts connections mid-export, for two seconds while the
 * application produces 1000 spans a second.
 */
@ExtendWith(OutputCaptureExtension.class)
class MisbehavingCollectorTests {

	@RegisterExtension
	final FaultyCollector collector = FaultyCollector.start();

	static Stream<Arguments> faults() {
		return Stream.of(CollectorFault.UNAVAILABLE, CollectorFault.REJECTING_CREDENTIALS,
				CollectorFault.CUTTING_CONNECTIONS)
			.flatMap((fault) -> Stream.of(Arguments.of(fault, "grpc"), Arguments.of(fault, "http/protobuf")));
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("faults")
	void spanCallsStayFastEveryLostSpanIsCountedAndExportsResumeAfterwards(CollectorFault fault, String protocol,
			CapturedOutput output) {
		FaultWindow.runner(protocol, this.collector.endpoint(protocol, fault)).run((context) -> {
			FaultWindow.Outcome outcome = FaultWindow.run(context, this.collector, fault, Duration.ofSeconds(2));
			System.out.println(outcome.figures(protocol) + "; cut connections " + this.collector.cutConnections());
			outcome.assertApplicationUnaffected();
			outcome.assertEveryLostSpanCounted();
			outcome.assertCloseWithinTimeouts();
			assertThat(outcome.maxQueueSize()).isLessThanOrEqualTo(FaultWindow.QUEUE_CAPACITY);
			assertThat(outcome.failed()).as("spans in failed exports").isPositive();
			assertThat(output).contains("exporter 'collector' (otlp " + protocol)
				.contains("recovered: exports succeed again");
		});
	}

}
