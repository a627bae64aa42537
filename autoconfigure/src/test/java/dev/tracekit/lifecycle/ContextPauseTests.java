package dev.tracekit.lifecycle;

import java.time.Duration;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.testing.GlobalOpenTelemetryState;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A paused context, as Spring's test framework pauses a cached one, keeps its pipeline: it
 * flushes within a short bound, exports what ends while paused, records again after a restart,
 * and releases {@code GlobalOpenTelemetry} to the next context. Only closing shuts it down.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContextPauseTests {

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.resource.service-name=pause-test");

	@AfterEach
	void stopReceiver() {
		GlobalOpenTelemetry.resetForTest();
	}

	@Test
	void aPauseFlushesQueuedSpansAndKeepsThePipelineRunning() {
		// A schedule delay far beyond the test: only a flush can deliver the span.
		this.runner
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.test.processor.schedule-delay=1h")
			.run((context) -> {
				TracerProviderLifecycle lifecycle = context.getBean(TracerProviderLifecycle.class);
				end(context.getBean(OpenTelemetry.class), "before-pause");
				context.pause();
				assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
					.containsExactly("before-pause");
				assertThat(lifecycle.isPaused()).isTrue();
				assertThat(lifecycle.isClosed()).isFalse();
			});
	}

	@Test
	void spansEndedWhilePausedAndAfterTheRestartAreExported() {
		this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
			.run((context) -> {
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				ExportStatistics statistics = context.getBean(ExportPipelines.class).get("test").orElseThrow()
					.statistics();
				context.pause();
				end(openTelemetry, "while-paused");
				context.restart();
				assertThat(context.getBean(TracerProviderLifecycle.class).isPaused()).isFalse();
				end(openTelemetry, "after-restart");
				context.close();
				assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
					.containsExactlyInAnyOrder("while-paused", "after-restart");
				assertThat(statistics.endedAfterShutdown()).isZero();
				assertThat(statistics.undelivered()).isZero();
			});
	}

	@Test
	void aSecondPauseAndRestartWorkAsTheFirst() {
		this.runner
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.test.processor.schedule-delay=1h")
			.run((context) -> {
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				for (int round = 1; round <= 3; round++) {
					end(openTelemetry, "round-" + round);
					context.pause();
					assertThat(this.receiver.spanCount()).isEqualTo(round);
					context.restart();
				}
			});
	}

	@Test
	void anExplicitStopAndStartArePausesToo() {
		this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
			.run((context) -> {
				context.stop();
				assertThat(context.getBean(TracerProviderLifecycle.class).isClosed()).isFalse();
				context.start();
				end(context.getBean(OpenTelemetry.class), "after-start");
				context.close();
				assertThat(this.receiver.spans()).extracting(OtlpTestReceiver.ReceivedSpan::name)
					.containsExactly("after-start");
			});
	}

	@Test
	void aPauseAgainstAMissingCollectorWaitsOnlyThePauseFlushTimeout(CapturedOutput output) {
		this.receiver.stop();
		this.runner
			.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.lifecycle.pause-flush-timeout=300ms", "tracekit.lifecycle.flush-timeout=1s",
					"tracekit.lifecycle.shutdown-timeout=1s")
			.run((context) -> {
				end(context.getBean(OpenTelemetry.class), "undeliverable");
				long start = System.nanoTime();
				context.pause();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				// The pause flush timeout, with slack for a loaded 2-core machine; the close flush
				// timeout is far longer, and the exporter's own retries longer still.
				assertThat(took).isLessThan(Duration.ofMillis(300 + 600));
				assertThat(context.getBean(TracerProviderLifecycle.class).isClosed()).isFalse();
				context.close();
				// Not lost silently: the close reports it.
				assertThat(output).contains("exporter 'test'").contains("did not deliver 1 of 1 spans");
			});
	}

	@Test
	void theGlobalIsReleasedOnPauseForTheNextContextAndTakenBackOnRestart() {
		this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint())
			.run((first) -> {
				GlobalOpenTelemetryRegistration firstRegistration = first.getBean(GlobalOpenTelemetryRegistration.class);
				assertThat(firstRegistration.isRegistered()).isTrue();
				first.pause();
				assertThat(firstRegistration.isRegistered()).isFalse();
				assertThat(GlobalOpenTelemetryState.isSet()).isFalse();
				this.runner.withPropertyValues("tracekit.exporters.test.endpoint=" + this.receiver.grpcEndpoint(),
						"tracekit.resource.service-name=second")
					.run((second) -> {
						assertThat(second.getBean(GlobalOpenTelemetryRegistration.class).isRegistered()).isTrue();
						GlobalOpenTelemetry.getTracer("global").spanBuilder("second-via-global").startSpan().end();
						second.pause();
					});
				assertThat(GlobalOpenTelemetryState.isSet()).isFalse();
				first.restart();
				assertThat(firstRegistration.isRegistered()).isTrue();
				GlobalOpenTelemetry.getTracer("global").spanBuilder("first-via-global").startSpan().end();
				first.close();
				assertThat(GlobalOpenTelemetryState.isSet()).isFalse();
			});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.spanCount() == 2);
		assertThat(this.receiver.spans()).extracting((span) -> span.name() + "@" + span.resource().get("service.name"))
			.containsExactlyInAnyOrder("second-via-global@second", "first-via-global@pause-test");
	}

	@Test
	void aContextStartedWhileAnotherHoldsTheGlobalSaysSoInOneLineWithoutAStackTrace(CapturedOutput output) {
		this.runner.withPropertyValues("tracekit.exporters.test.type=none").run((first) -> {
			this.runner.withPropertyValues("tracekit.exporters.test.type=none").run((second) -> {
				assertThat(second.getBean(GlobalOpenTelemetryRegistration.class).isRegistered()).isFalse();
			});
			assertThat(first.getBean(GlobalOpenTelemetryRegistration.class).isRegistered()).isTrue();
		});
		assertThat(output).doesNotContain("GlobalOpenTelemetry was already set")
			.doesNotContain("java.lang.Throwable")
			.doesNotContain("\tat ");
	}

	private static void end(OpenTelemetry openTelemetry, String name) {
		openTelemetry.getTracer("test").spanBuilder(name).startSpan().end();
	}

}
