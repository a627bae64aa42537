package dev.tracekit.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.testing.GlobalOpenTelemetryState;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.Spans;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the context flushes, then shuts down, within bounds, and accounts for every span.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracerProviderLifecycleTests {

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.resource.service-name=lifecycle-test");


	@Test
	void tenThousandSpansEndedJustBeforeCloseAllArriveWithALargeQueue() {
		this.runner
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.test.processor.max-queue-size=16384")
			.run((context) -> {
				Spans.end(context, 10_000);
				context.close();
				assertThat(this.receiver.spanCount()).isEqualTo(10_000);
			});
	}

	@Test
	void atTheDefaultQueueSizeEverySpanIsDeliveredOrReportedAsDropped(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
			.run((context) -> {
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("test").orElseThrow()
					.statistics();
				Spans.end(context, 10_000);
				context.close();
				int delivered = this.receiver.spanCount();
				assertThat(statistics.accepted()).isEqualTo(10_000);
				assertThat(delivered + statistics.undelivered()).isEqualTo(10_000);
				assertThat(statistics.exported()).isEqualTo(delivered);
				// The SDK's own count of queue-full drops accounts for every span not delivered.
				assertThat(delivered + statistics.droppedQueueFull()).isEqualTo(10_000);
				if (statistics.undelivered() > 0) {
					assertThat(output).contains("exporter 'test'")
						.contains("did not deliver " + statistics.undelivered() + " of 10000 spans: 0 in failed exports, "
								+ statistics.droppedQueueFull() + " dropped because the queue was full, 0 abandoned");
				}
			});
	}

	@Test
	void withTheReceiverDownCloseReturnsWithinTheTimeoutsAndSaysWhatWasLost(CapturedOutput output) {
		this.receiver.stop();
		this.runner
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.lifecycle.flush-timeout=1s", "tracekit.lifecycle.shutdown-timeout=1s")
			.run((context) -> {
				Spans.end(context, 100);
				long start = System.nanoTime();
				context.close();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				// flush + shutdown timeouts, plus slack for a loaded 2-core machine.
				assertThat(took).isLessThan(Duration.ofMillis(2000 + 1500));
				assertThat(output).contains("exporter 'test' (otlp grpc " + this.receiver.grpcEndpoint())
					.contains("did not deliver 100 of 100 spans");
			});
	}

	@Test
	void twoSequentialContextsEachRegisterTheGlobalAndExport() {
		for (int round = 1; round <= 2; round++) {
			int expected = round;
			this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
				.run((context) -> {
					assertThat(GlobalOpenTelemetryState.isSet()).isTrue();
					GlobalOpenTelemetry.getTracer("global").spanBuilder("via-global").startSpan().end();
					context.close();
					assertThat(GlobalOpenTelemetryState.isSet()).isFalse();
					assertThat(this.receiver.spanCount()).isEqualTo(expected);
				});
		}
		assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
			.containsExactly("via-global", "via-global");
	}

	@Test
	void registerGlobalFalseLeavesTheGlobalAlone() {
		this.runner
			.withPropertyValues("tracekit.exporters.test.type=none", "tracekit.register-global=false")
			.run((context) -> assertThat(GlobalOpenTelemetryState.isSet()).isFalse());
	}

	@Test
	void closingTwiceIsHarmless() {
		this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
			.run((context) -> {
				TracerProviderLifecycle lifecycle = context.getBean(TracerProviderLifecycle.class);
				Spans.end(context, 5);
				lifecycle.close();
				lifecycle.close();
				context.close();
				assertThat(lifecycle.isClosed()).isTrue();
				assertThat(this.receiver.spanCount()).isEqualTo(5);
			});
	}

	@Test
	void aSpanEndedAfterShutdownIsCountedAndReported(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
			.run((context) -> {
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("test").orElseThrow()
					.statistics();
				Span late = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("late").startSpan();
				context.close();
				late.end();
				assertThat(statistics.endedAfterShutdown()).isEqualTo(1);
				assertThat(output).contains("span 'late' ended after exporter 'test' shut down");
				assertThat(this.receiver.spanCount()).isZero();
			});
	}

	@Test
	void spansEndedByOtherLifecycleBeansWhileStoppingAreExported() {
		this.runner.withUserConfiguration(SpanOnStopConfiguration.class)
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
			.run((context) -> {
				assertThat(context.getBean(TracerProviderLifecycle.class).getPhase())
					.isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
				context.close();
				assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
					.containsExactly("in-flight-request");
			});
	}


	@Configuration(proxyBeanMethods = false)
	static class SpanOnStopConfiguration {

		// Stands in for the web server's graceful shutdown: a request span still open when stopping begins.
		@Bean
		SmartLifecycle inFlightRequests(OpenTelemetry openTelemetry) {
			List<Span> open = new ArrayList<>();
			return new SmartLifecycle() {

				private boolean running;

				@Override
				public void start() {
					open.add(openTelemetry.getTracer("web").spanBuilder("in-flight-request").startSpan());
					this.running = true;
				}

				@Override
				public void stop() {
					open.forEach(Span::end);
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

				@Override
				public int getPhase() {
					return SmartLifecycle.DEFAULT_PHASE - 1024;
				}

			};
		}

	}

}
