package dev.tracekit.reliability;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector goes down while the application produces 1000 spans a second, then comes back.
 */
@ExtendWith(OutputCaptureExtension.class)
class CollectorDownTests {

	private FaultyCollector collector;

	@BeforeEach
	void startCollector() {
		this.collector = FaultyCollector.start();
	}

	@AfterEach
	void stopCollector() {
		this.collector.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void whileTheCollectorIsDownSpanCallsStayFastTheQueueStaysBoundedAndEveryLostSpanIsCounted(String protocol,
			CapturedOutput output) {
		collectorDown(protocol, Duration.ofSeconds(3), output);
	}

	@Tag("long")
	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void forThirtySecondsTheSameHoldsAndFailuresAreSummarisedMeanwhile(String protocol, CapturedOutput output) {
		collectorDown(protocol, Duration.ofSeconds(30), output);
		assertThat(output).contains("exporter 'collector' (otlp " + protocol).contains("is still failing: ");
	}

	private void collectorDown(String protocol, Duration down, CapturedOutput output) {
		FaultWindow.runner(protocol, this.collector.endpoint(protocol, CollectorFault.DOWN)).run((context) -> {
			FaultWindow.Outcome outcome = FaultWindow.run(context, this.collector, CollectorFault.DOWN, down);
			System.out.println(outcome.figures(protocol));
			outcome.assertApplicationUnaffected();
			outcome.assertQueueBoundedAndDropsGrew();
			outcome.assertEveryLostSpanCounted();
			outcome.assertCloseWithinTimeouts();
			assertThat(outcome.failed()).as("spans in failed exports while down").isPositive();
			assertThat(output).contains("exporter 'collector' (otlp " + protocol)
				.contains("recovered: exports succeed again");
		});
	}

}
