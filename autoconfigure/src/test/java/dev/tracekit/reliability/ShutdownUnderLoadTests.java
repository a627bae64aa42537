package dev.tracekit.reliability;

import java.time.Duration;
import java.util.function.BiConsumer;

import dev.tracekit.export.ExportStatistics;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The context closes while the application is still ending spans, 4000 a second.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownUnderLoadTests {

	private static final int QUEUE_CAPACITY = 2048;

	@RegisterExtension
	final FaultyCollector collector = FaultyCollector.start();

	/**
	 * The batch only leaves when the queue is full or at close, so close finds most of a full queue
	 * waiting, ended right up to the call: all of it arrives.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void spansEndedRightUpToCloseAllArrive(String protocol) {
		queueOnlyAtClose(protocol).run((context) -> {
			ExportStatistics statistics = FaultWindow.statistics(context);
			SteadySpanProducer producer = startProducer(context);
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.queueSize() >= QUEUE_CAPACITY * 3 / 4);
			SteadySpanProducer.Figures figures = producer.stop();
			long queuedAtClose = statistics.queueSize();
			Duration closeTook = close(context);
			long received = this.collector.receiver.spanCount();
			System.out.printf("[reliability] close right after the last span, %s: %d queued of %d at close, %d ended,"
					+ " %d received; close %d ms%n", protocol, queuedAtClose, QUEUE_CAPACITY, figures.produced(),
					received, closeTook.toMillis());
			assertThat(figures.errors()).isZero();
			assertThat(received).isEqualTo(figures.produced()).isEqualTo(statistics.exported());
			assertThat(closeTook).isLessThan(Duration.ofSeconds(1 + 1 + 1));
		});
	}

	/**
	 * The producer does not stop for close. Spans ended before the pipeline shut down are delivered
	 * or, if left in the queue, reported as abandoned; spans ended after are counted and reported;
	 * spans started after the provider shut down are no-op spans, as the SDK makes them. The
	 * shutdown report's figures match the receiver's, to the span.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void spansEndedWhileClosingAreDeliveredOrReportedToTheSpan(String protocol, CapturedOutput output) {
		closeWhileProducing(protocol, output, (statistics, abandoned) -> {
			if (abandoned > 0) {
				assertThat(output).contains("did not deliver " + abandoned + " of " + statistics.accepted()
						+ " spans: 0 in failed exports, 0 dropped because the queue was full, " + abandoned
						+ " abandoned at shutdown");
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void spansEndedWhileClosingBeforeThePipelineShutDownAllArrive(String protocol, CapturedOutput output) {
		closeWhileProducing(protocol, output, (statistics, abandoned) -> assertThat(abandoned).isZero());
	}

	private void closeWhileProducing(String protocol, CapturedOutput output,
			BiConsumer<ExportStatistics, Long> abandonedCheck) {
		queueOnlyAtClose(protocol).run((context) -> {
			ExportStatistics statistics = FaultWindow.statistics(context);
			SteadySpanProducer producer = startProducer(context);
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.queueSize() >= QUEUE_CAPACITY * 3 / 4);
			long queuedAtClose = statistics.queueSize();
			Duration closeTook = close(context);
			SteadySpanProducer.Figures figures = producer.stop();
			long received = this.collector.receiver.spanCount();
			long abandoned = statistics.undelivered();
			System.out.printf("[reliability] close while producing, %s: %d queued of %d at close, %d recorded "
					+ "(%d more started after shutdown, as no-op spans), %d received, %d abandoned, %d ended after "
					+ "shutdown; close %d ms%n", protocol, queuedAtClose, QUEUE_CAPACITY, figures.recording(),
					figures.produced() - figures.recording(), received, abandoned, statistics.endedAfterShutdown(),
					closeTook.toMillis());
			assertThat(figures.errors()).isZero();
			assertThat(statistics.droppedQueueFull()).isZero();
			assertThat(statistics.failed()).isZero();
			assertThat(received).isEqualTo(statistics.exported()).isGreaterThanOrEqualTo(queuedAtClose);
			assertThat(received + abandoned + statistics.endedAfterShutdown()).isEqualTo(figures.recording());
			assertThat(closeTook).isLessThan(Duration.ofSeconds(1 + 1 + 1));
			if (statistics.endedAfterShutdown() > 0) {
				assertThat(output).contains("ended after exporter 'collector' shut down and was not exported");
			}
			abandonedCheck.accept(statistics, abandoned);
		});
	}

	// Batches as large as the queue and an hour's delay: nothing leaves before close.
	private ApplicationContextRunner queueOnlyAtClose(String protocol) {
		return runner(protocol, this.collector.endpoint(protocol)).withPropertyValues(
				"tracekit.exporters.collector.processor.max-export-batch-size=" + QUEUE_CAPACITY,
				"tracekit.exporters.collector.processor.schedule-delay=1h");
	}

	/**
	 * With the exporter's own timeout at 10 s (the default), a collector that refuses connections or
	 * never answers would hold close for 10 s; tracekit gives up after its flush and shutdown
	 * timeouts (1 s each here) and says what it left behind.
	 */
	@ParameterizedTest
	@EnumSource(value = CollectorFault.class, names = { "DOWN", "SLOW", "CUTTING_CONNECTIONS" })
	void closeNeverTakesLongerThanTheConfiguredTimeoutsWhateverTheCollectorDoes(CollectorFault fault,
			CapturedOutput output) {
		fault.inject(this.collector);
		if (fault == CollectorFault.SLOW) {
			// No answer within the test: each export hangs until its own 10 s timeout.
			this.collector.delay(Duration.ofMinutes(1));
		}
		runner("grpc", this.collector.endpoint("grpc", fault)).withPropertyValues("tracekit.exporters.collector.timeout=10s").run((context) -> {
			ExportStatistics statistics = FaultWindow.statistics(context);
			SteadySpanProducer producer = startProducer(context);
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.queueSize() >= QUEUE_CAPACITY / 2);
			Duration closeTook = close(context);
			SteadySpanProducer.Figures figures = producer.stop();
			System.out.printf("[reliability] close under load, collector %s: %d recorded, %d not delivered; close %d ms"
					+ " (timeouts 1 s + 1 s)%n", fault, figures.recording(), statistics.undelivered(),
					closeTook.toMillis());
			assertThat(figures.errors()).isZero();
			assertThat(closeTook).isLessThan(Duration.ofSeconds(1 + 1 + 1));
			// Nothing arrived, and the shutdown report says so, to the span.
			assertThat(this.collector.spansAnsweredInTime()).isZero();
			assertThat(statistics.exported()).isZero();
			assertThat(statistics.accepted() + statistics.endedAfterShutdown()).isEqualTo(figures.recording());
			// A connection cut after the request was sent fails the export at once, without retries,
			// so the flush may finish in time; the other faults keep it waiting past its bound.
			if (fault != CollectorFault.CUTTING_CONNECTIONS) {
				assertThat(output).contains("tracekit: flushing spans did not finish within PT1S");
			}
			assertThat(output).contains("exporter 'collector' (otlp grpc " + this.collector.endpoint("grpc", fault)
						+ ", batch, 4 exports at once) did not deliver " + statistics.accepted() + " of " + statistics.accepted() + " spans");
		});
	}

	private static ApplicationContextRunner runner(String protocol, String endpoint) {
		return FaultWindow.runner(protocol, endpoint)
			.withPropertyValues("tracekit.exporters.collector.processor.max-queue-size=" + QUEUE_CAPACITY,
					"tracekit.exporters.collector.processor.max-export-batch-size=512",
					"tracekit.exporters.collector.processor.schedule-delay=5s",
					"tracekit.exporters.collector.processor.export-timeout=30s", "tracekit.lifecycle.flush-timeout=1s",
					"tracekit.lifecycle.shutdown-timeout=1s");
	}

	private static SteadySpanProducer startProducer(ConfigurableApplicationContext context) {
		return SteadySpanProducer.start(context.getBean(OpenTelemetry.class).getTracer("reliability"), 4000,
				"until-close");
	}

	private static Duration close(ConfigurableApplicationContext context) {
		long start = System.nanoTime();
		context.close();
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
