package dev.tracekit.reliability;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.tracekit.actuate.ExporterStatus;
import dev.tracekit.actuate.TracingHealthIndicator;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.spool.SpoolStatistics;
import dev.tracekit.testing.OtlpTestReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spool's own faults: a spool file cut short by a crash mid-write, and a directory that cannot
 * be written.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpoolFaultTests {

	@RegisterExtension
	final OtlpTestReceiver receiver = OtlpTestReceiver.start();

	@TempDir
	Path temporary;


	private ApplicationContextRunner runner(Path spoolDirectory) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(dev.tracekit.autoconfigure.TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.resource.service-name=spool-faults",
					"tracekit.diagnostics.startup-report=false",
					"tracekit.exporters.collector.endpoint=" + this.receiver.grpcEndpoint(),
					"tracekit.exporters.collector.timeout=2s",
					"tracekit.exporters.collector.processor.schedule-delay=50ms",
					"tracekit.exporters.collector.spool.enabled=true",
					"tracekit.exporters.collector.spool.directory=" + spoolDirectory);
	}

	@Test
	void aTruncatedSpoolFileIsSkippedCountedAndDeletedAndTheOthersAreReplayed(CapturedOutput output)
			throws IOException {
		Path spool = this.temporary.resolve("spool");
		this.receiver.stop();
		runner(spool).run((context) -> {
			// Two rounds, so that the spool holds more than one file.
			end(context, 150);
			await().atMost(Duration.ofSeconds(60)).until(() -> spoolOf(context).spooled() == 150);
			end(context, 150);
			await().atMost(Duration.ofSeconds(60)).until(() -> spoolOf(context).spooled() == 300);
		});
		List<Path> files = spoolFiles(spool);
		assertThat(files).hasSizeGreaterThan(1);
		Path cut = files.get(files.size() - 1);
		long spansInCut = Long.parseLong(cut.getFileName().toString().split("-")[2]);
		try (RandomAccessFile file = new RandomAccessFile(cut.toFile(), "rw")) {
			file.setLength(file.length() / 2);
		}
		this.receiver.restart();
		runner(spool).run((context) -> {
			SpoolStatistics statistics = spoolOf(context);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> statistics.replayed() + statistics.corruptSpans() == 300);
			assertThat(statistics.corruptFiles()).isEqualTo(1);
			assertThat(statistics.corruptSpans()).isEqualTo(spansInCut);
			assertThat(statistics.replayed()).isEqualTo(300 - spansInCut);
			assertThat(distinctReceived()).isEqualTo(300 - spansInCut);
			assertThat(cut).doesNotExist();
			ExporterStatus.Spool status = ExporterStatus.of(pipelines(context).get("collector").orElseThrow()).spool();
			assertThat(status).isNotNull();
			assertThat(status.corruptFiles()).isEqualTo(1);
		});
		assertThat(output).contains("tracekit: exporter 'collector' skipped the spool file " + cut.getFileName())
			.contains("truncated");
	}

	@Test
	void anUnwritableDirectoryTurnsTheSpoolOffWithOneWarningAndExportWorksAsWithoutIt(CapturedOutput output)
			throws IOException {
		// A regular file where the directory should be: not even root can create the directory.
		Path notADirectory = Files.createFile(this.temporary.resolve("not-a-directory"));
		runner(notADirectory).run((context) -> {
			assertThat(context).hasNotFailed();
			SpoolStatistics statistics = spoolOf(context);
			assertThat(statistics.available()).isFalse();
			end(context, 100);
			await().atMost(Duration.ofSeconds(30)).until(() -> stats(context).exported() == 100);
			this.receiver.stop();
			end(context, 100);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(stats(context).failed()).as("spans in failed exports").isEqualTo(100));
			assertThat(statistics.spooled()).isZero();
			assertThat(new TracingHealthIndicator(pipelines(context)).health().getDetails().toString())
				.contains("available=false");
		});
		String warning = "tracekit: exporter 'collector' cannot spool to " + notADirectory;
		assertThat(output).containsOnlyOnce(warning).contains("The spool is off");
	}

	private static void end(ConfigurableApplicationContext context, int spans) {
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("spool-faults");
		for (int i = 0; i < spans; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
	}

	private long distinctReceived() {
		Set<String> ids = new HashSet<>();
		this.receiver.spans().forEach((span) -> ids.add(span.spanId()));
		return ids.size();
	}

	private static List<Path> spoolFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".spool"))
				.sorted(Comparator.comparing(Path::toString))
				.toList();
		}
	}

	private static ExportPipelines pipelines(ConfigurableApplicationContext context) {
		return context.getBean(ExportPipelines.class);
	}

	private static ExportStatistics stats(ConfigurableApplicationContext context) {
		return pipelines(context).get("collector").orElseThrow().statistics();
	}

	private static SpoolStatistics spoolOf(ConfigurableApplicationContext context) {
		SpoolStatistics spool = stats(context).spool();
		assertThat(spool).isNotNull();
		return spool;
	}

}
