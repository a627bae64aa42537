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
 * The collector answers four times later than the exporter waits, then speeds up again.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowCollectorTests {

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
	void exportsThatTimeOutAreCountedAndReportedWhileSpanCallsStayFast(String protocol, CapturedOutput output) {
		slowCollector(protocol, Duration.ofSeconds(3), output);
	}

	@Tag("long")
	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void forThirtySecondsTheSameHoldsAndFailuresAreSummarisedMeanwhile(String protocol, CapturedOutput output) {
		slowCollector(protocol, Duration.ofSeconds(30), output);
		assertThat(output).contains("exporter 'collector' (otlp " + protocol).contains("is still failing: ");
	}

	private void slowCollector(String protocol, Duration slow, CapturedOutput output) {
		FaultWindow.runner(protocol, this.collector.endpoint(protocol, CollectorFault.SLOW)).run((context) -> {
			FaultWindow.Outcome outcome = FaultWindow.run(context, this.collector, CollectorFault.SLOW, slow);
			System.out.println(outcome.figures(protocol));
			outcome.assertApplicationUnaffected();
			outcome.assertQueueBoundedAndDropsGrew();
			outcome.assertEveryLostSpanCounted();
			outcome.assertCloseWithinTimeouts();
			assertThat(outcome.failed()).as("spans in exports that timed out").isPositive();
			// OkHttp says "timeout", the JDK's HttpClient (http/protobuf's default sender) "request timed out".
			assertThat(output).contains("exporter 'collector' (otlp " + protocol).containsPattern("timeout|timed out");
		});
	}

}
