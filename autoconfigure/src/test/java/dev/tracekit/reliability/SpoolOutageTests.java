package dev.tracekit.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import dev.tracekit.export.ExportStatistics;
import dev.tracekit.spool.SpoolStatistics;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector goes down while the application ends 1000 spans a second, with the exporter's
 * spool on: every span produced arrives once the collector is back; with a disk budget smaller
 * than the outage, every span is delivered or counted, the oldest dropped first. A collector too
 * slow for the traffic fills the spool, not the drop counter.
 */
class SpoolOutageTests {

	// FaultWindow's max-export-batch-size.
	private static final int BATCH = 128;

	private FaultyCollector collector;

	@TempDir
	Path spoolDirectory;

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
	void afterAShortOutageEverySpanProducedArrives(String protocol) {
		Outcome outcome = outage(protocol, Duration.ofSeconds(8), "256MB");
		outcome.assertEverySpanArrived();
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc" })
	void whileTheCollectorIsSlowTheSpansTheQueueCannotHoldAreSpooledNotDropped(String protocol) {
		Outcome[] result = new Outcome[1];
		runner(protocol, this.collector.endpoint(protocol), this.spoolDirectory, "256MB").run((context) -> {
			result[0] = run(context, CollectorFault.SLOW, Duration.ofSeconds(5));
			System.out.println(result[0].figures(CollectorFault.SLOW, protocol, Duration.ofSeconds(5), "256MB"));
		});
		Outcome outcome = result[0];
		assertThat(outcome.statistics.droppedQueueFull()).as("spans dropped from the full queue").isZero();
		outcome.assertEverySpanArrived();
	}

	@Tag("long")
	@ParameterizedTest
	@ValueSource(strings = { "grpc", "http/protobuf" })
	void afterAMinuteLongOutageEverySpanProducedArrives(String protocol) {
		Outcome outcome = outage(protocol, Duration.ofSeconds(60), "256MB");
		outcome.assertEverySpanArrived();
	}

	@ParameterizedTest
	@ValueSource(strings = { "grpc" })
	void withADiskBudgetSmallerThanTheOutageEverySpanIsDeliveredOrCountedAndTheOldestGoFirst(String protocol) {
		Outcome outcome = outage(protocol, Duration.ofSeconds(8), "256KB");
		outcome.assertApplicationUnaffected();
		assertThat(outcome.spool.expired()).as("spans expired over the budget").isPositive();
		outcome.assertAtMostTheBatchInFlightTwice();
		assertThat(outcome.distinctReceived + outcome.lost()).as("delivered + counted lost")
			.isEqualTo(outcome.produced.produced());
		// Oldest first: the outage's first half mostly gone (what was under way when it began can
		// survive), some of its last second arrived. The budget is still full while the
		// replay catches up, and once the replay has taken the older files the newest are the oldest
		// left, so part of the last second can go too: how much depends on the machine's speed.
		long firstHalf = 0;
		long secondHalf = 0;
		for (int second = 0; second < outcome.faultySeconds; second++) {
			long received = outcome.receivedByPhase.getOrDefault("faulty-" + second, 0L);
			if (second < outcome.faultySeconds / 2) {
				firstHalf += received;
			}
			else {
				secondHalf += received;
			}
		}
		assertThat(firstHalf).as("spans of the outage's first half received").isLessThan(secondHalf / 2);
		String last = "faulty-" + (outcome.faultySeconds - 1);
		assertThat(outcome.receivedByPhase.getOrDefault(last, 0L)).as("spans of the outage's last second received")
			.isPositive();
	}

	private Outcome outage(String protocol, Duration down, String maxSize) {
		Outcome[] result = new Outcome[1];
		runner(protocol, this.collector.endpoint(protocol), this.spoolDirectory, maxSize).run((context) -> {
			result[0] = run(context, CollectorFault.DOWN, down);
			System.out.println(result[0].figures(CollectorFault.DOWN, protocol, down, maxSize));
		});
		return result[0];
	}

	static ApplicationContextRunner runner(String protocol, String endpoint, Path spoolDirectory, String maxSize) {
		return FaultWindow.runner(protocol, endpoint)
			.withPropertyValues("tracekit.exporters.collector.spool.enabled=true",
					"tracekit.exporters.collector.spool.directory=" + spoolDirectory,
					"tracekit.exporters.collector.spool.max-size=" + maxSize,
					// The outage's spans and live traffic, replayed within seconds.
					"tracekit.exporters.collector.spool.replay-rate=5000",
					// Long enough that no answer arrives after the exporter gave up (see FaultWindow).
					"tracekit.exporters.collector.timeout=5s");
	}

	private Outcome run(ConfigurableApplicationContext context, CollectorFault fault, Duration down) {
		ExportStatistics statistics = FaultWindow.statistics(context);
		SpoolStatistics spool = statistics.spool();
		assertThat(spool).isNotNull();
		SteadySpanProducer producer = SteadySpanProducer.start(
				context.getBean(OpenTelemetry.class).getTracer("reliability"), FaultWindow.SPANS_PER_SECOND, "healthy");
		SteadySpanProducer.Figures figures;
		int faultySeconds = (int) down.toSeconds();
		Map<String, Long> producedByPhase = new TreeMap<>();
		try {
			FaultWindow.pauseUntilNothingIsUnderWay(statistics, producer);
			fault.inject(this.collector);
			for (int second = 0; second < faultySeconds; second++) {
				producer.phase("faulty-" + second);
				producer.resume();
				LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
			}
			fault.heal(this.collector);
			producer.phase("recovered");
			// Replayed at up to 5000/s beside live traffic; the machine may be much slower.
			await().atMost(down.plusSeconds(60)).until(() -> this.collector.received("recovered")
					&& spool.pendingSpans() == 0);
		}
		finally {
			figures = producer.stop();
		}
		for (int second = 0; second < faultySeconds; second++) {
			producedByPhase.put("faulty-" + second, producer.produced("faulty-" + second));
		}
		// The last live spans leave within the schedule delay; the spool is empty.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> statistics.exported() + lost(statistics) >= statistics.accepted()
					&& this.collector.receiver.spanCount() >= statistics.exported());
		context.close();
		List<ReceivedSpan> received = this.collector.receiver.spans();
		Set<String> ids = new HashSet<>();
		long duplicates = 0;
		for (ReceivedSpan span : received) {
			if (!ids.add(span.spanId())) {
				duplicates++;
			}
		}
		Map<String, Long> receivedByPhase = received.stream()
			.collect(Collectors.groupingBy(ReceivedSpan::name, TreeMap::new, Collectors.counting()));
		return new Outcome(figures, statistics, spool, ids.size(), duplicates, faultySeconds, producedByPhase,
				receivedByPhase);
	}

	private static long lost(ExportStatistics statistics) {
		SpoolStatistics spool = statistics.spool();
		return statistics.droppedQueueFull() + spool.expired() + spool.corruptSpans() + spool.refused();
	}

	record Outcome(SteadySpanProducer.Figures produced, ExportStatistics statistics, SpoolStatistics spool,
			long distinctReceived, long duplicates, int faultySeconds, Map<String, Long> producedByPhase,
			Map<String, Long> receivedByPhase) {

		long lost() {
			return SpoolOutageTests.lost(this.statistics);
		}

		void assertApplicationUnaffected() {
			assertThat(this.produced.errors()).as("span calls that threw: %s", this.produced.failure()).isZero();
			assertThat(this.produced.max()).as(this.produced.latency()).isLessThan(Duration.ofMillis(50));
		}

		void assertEverySpanArrived() {
			assertApplicationUnaffected();
			assertThat(this.spool.spooled()).as("spans spooled").isPositive();
			assertThat(this.spool.replayed()).as("spans replayed").isEqualTo(this.spool.spooled());
			assertThat(this.lost()).as("spans counted lost").isZero();
			assertThat(this.statistics.accepted()).isEqualTo(this.produced.produced());
			assertThat(this.statistics.exported()).as("spans exported").isEqualTo(this.produced.produced());
			assertThat(this.distinctReceived).as("distinct spans received").isEqualTo(this.produced.produced());
			assertAtMostTheBatchInFlightTwice();
		}

		/**
		 * Delivery is at least once: the batch on the wire when the collector stops may be kept by it
		 * while the exporter sees its connection fail, and is then spooled and sent again. Nothing else
		 * arrives twice.
		 */
		void assertAtMostTheBatchInFlightTwice() {
			assertThat(this.duplicates).as("spans received twice").isLessThanOrEqualTo(BATCH);
		}

		String figures(CollectorFault fault, String protocol, Duration down, String maxSize) {
			return String.format(
					"[reliability] spool (max-size %s), %s %s for %ds: produced %d; %s; "
							+ "received %d distinct (%d twice); spooled %d, replayed %d, expired %d, queue full %d, "
							+ "refused %d; failed export attempts %d; produced by second %s, received %s",
					maxSize, fault, protocol, down.toSeconds(), this.produced.produced(), this.produced.latency(),
					this.distinctReceived, this.duplicates, this.spool.spooled(), this.spool.replayed(),
					this.spool.expired(), this.statistics.droppedQueueFull(), this.spool.refused(),
					this.statistics.failed(), this.producedByPhase, this.receivedByPhase);
		}

	}

}
