package dev.tracekit.export;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.Fault;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code processor.max-concurrent-exports}: several batch processors, each with its own exporter,
 * behind one pipeline, against a real receiver. Exports overlap, and every span is still counted
 * exactly once, as delivered, failed or dropped, through faults and shutdown.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentExportsTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();


	private ApplicationContextRunner runner(String protocol, String sender, String... more) {
		String endpoint = protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.resource.service-name=concurrent-test",
					"tracekit.exporters.collector.endpoint=" + endpoint,
					"tracekit.exporters.collector.protocol=" + protocol,
					"tracekit.exporters.collector.sender=" + sender,
					"tracekit.exporters.collector.retry=false",
					"tracekit.exporters.collector.processor.max-concurrent-exports=4",
					"tracekit.exporters.collector.processor.max-export-batch-size=10",
					"tracekit.exporters.collector.processor.schedule-delay=20ms",
					"tracekit.lifecycle.flush-timeout=10s", "tracekit.lifecycle.shutdown-timeout=10s")
			.withPropertyValues(more);
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")
	void exportsOverlapAndEverySpanArrivesOnce(String protocol, String sender) {
		this.receiver.setDelay(Duration.ofMillis(300));
		runner(protocol, sender).run((context) -> {
			ExportPipeline pipeline = context.getBean(ExportPipelines.class).get("collector").orElseThrow();
			assertThat(pipeline.description()).endsWith(", batch, 4 exports at once");
			assertThat(pipeline.statistics().queueCapacity()).isEqualTo(4 * 2048);
			endSpans(context, 200);
			await().atMost(WAIT).until(() -> pipeline.statistics().exported() == 200);
			assertThat(this.receiver.mostRequestsInFlight()).isGreaterThan(1).isLessThanOrEqualTo(4);
			assertThat(distinctSpanIds()).hasSize(200);
			assertThat(this.receiver.spanCount()).isEqualTo(200);
		});
	}

	@Test
	void closingTheContextDeliversWhatEveryProcessorHolds() {
		runner("http/protobuf", "jdk", "tracekit.exporters.collector.processor.schedule-delay=1h",
				"tracekit.exporters.collector.processor.max-export-batch-size=512").run((context) -> {
			ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
				.statistics();
			endSpans(context, 37);
			// Held, not yet exported. The queue size alone may read less: a worker thread that starts
			// late drains what is queued into the batch it gathers, which the queue gauge leaves out.
			assertThat(statistics.exported()).isZero();
			assertThat(this.receiver.spanCount()).isZero();
			context.close();
			assertThat(this.receiver.spanCount()).isEqualTo(37);
			assertThat(statistics.exported()).isEqualTo(37);
			assertThat(statistics.undelivered()).isZero();
		});
	}

	@Test
	void forceFlushCoversEveryProcessor() {
		runner("grpc", "okhttp", "tracekit.exporters.collector.processor.schedule-delay=1h").run((context) -> {
			endSpans(context, 23);
			assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
				.isTrue();
			assertThat(this.receiver.spanCount()).isEqualTo(23);
		});
	}

	@Test
	void failedExportsAreCountedExactlyAcrossTheProcessors(CapturedOutput output) {
		this.receiver.setFault(Fault.UNAVAILABLE);
		runner("http/protobuf", "jdk", "tracekit.diagnostics.failure-summary-interval=1h").run((context) -> {
			ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
				.statistics();
			endSpans(context, 101);
			await().atMost(WAIT).until(() -> statistics.failed() == 101);
			assertThat(statistics.exported()).isZero();
			assertThat(statistics.consecutiveFailedExports()).isGreaterThanOrEqualTo(11);
			// One first-failure warning for the pipeline, not one per processor.
			assertThat(output.toString().split("failed to export", -1)).hasSize(2);
			this.receiver.setFault(Fault.NONE);
			endSpans(context, 5);
			await().atMost(WAIT).until(() -> statistics.exported() == 5);
		});
	}

	@Test
	void spansDroppedFromFullQueuesAreCountedExactly(CapturedOutput output) {
		this.receiver.setDelay(Duration.ofMillis(200));
		runner("grpc", "okhttp", "tracekit.exporters.collector.processor.max-queue-size=8").run((context) -> {
			ExportStatistics statistics = context.getBean(ExportPipelines.class).get("collector").orElseThrow()
				.statistics();
			assertThat(statistics.queueCapacity()).isEqualTo(4 * 8);
			endSpans(context, 500);
			context.close();
			assertThat(statistics.accepted()).isEqualTo(500);
			assertThat(statistics.droppedQueueFull()).isPositive();
			assertThat(statistics.exported() + statistics.droppedQueueFull()).isEqualTo(500);
			assertThat(this.receiver.spanCount()).isEqualTo((int) statistics.exported());
			assertThat(output).contains("did not deliver " + statistics.droppedQueueFull() + " of 500 spans: 0 in failed"
					+ " exports, " + statistics.droppedQueueFull() + " dropped because the queue was full, 0 abandoned");
		});
	}

	@Test
	void aProcessorStuckInAnExportIsPassedOverWhileAnotherHasRoom() throws InterruptedException {
		// Dealt strictly in turn, half the spans would go to the stuck processor's queue of 4 and
		// most of those would be dropped; passed over, none is.
		CountDownLatch release = new CountDownLatch(1);
		InMemorySpanExporter stuckDelivered = InMemorySpanExporter.create();
		SpanExporter stuck = new ForwardingSpanExporter(stuckDelivered) {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				try {
					release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return this.delegate.export(spans);
			}

		};
		InMemorySpanExporter free = InMemorySpanExporter.create();
		ConcurrentExports.Lane stuckLane = new ConcurrentExports.Lane(4);
		ConcurrentExports.Lane freeLane = new ConcurrentExports.Lane(4);
		ConcurrentExports exports = new ConcurrentExports(
				List.of(queueOfFour(stuckLane.counting(stuck)), queueOfFour(freeLane.counting(free))),
				List.of(stuckLane, freeLane));
		SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(exports).build();
		try {
			Tracer tracer = provider.get("test");
			for (int i = 0; i < 100; i++) {
				// The producer never outruns the free processor: no queue but the stuck one fills.
				await().pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.atMost(WAIT)
					.until(freeLane::hasRoom);
				tracer.spanBuilder("span-" + i).startSpan().end();
			}
			release.countDown();
			assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
			int stuckCount = stuckDelivered.getFinishedSpanItems().size();
			assertThat(stuckCount).as("spans given to the stuck processor").isBetween(1, 5);
			assertThat(free.getFinishedSpanItems().size() + stuckCount).as("spans delivered").isEqualTo(100);
		}
		finally {
			release.countDown();
			provider.close();
		}
	}

	private static SpanProcessor queueOfFour(SpanExporter exporter) {
		return BatchSpanProcessor.builder(exporter)
			.setMaxQueueSize(4)
			.setMaxExportBatchSize(1)
			.setScheduleDelay(Duration.ofMillis(1))
			.setMeterProvider(MeterProvider.noop())
			.build();
	}

	private Set<String> distinctSpanIds() {
		Set<String> ids = new HashSet<>();
		this.receiver.spans().forEach((span) -> ids.add(span.spanId()));
		return ids;
	}

	private static void endSpans(AssertableApplicationContext context, int count) {
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
	}

}
