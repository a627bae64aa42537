package dev.tracekit.actuate;

import java.util.function.ToDoubleFunction;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.spool.SpoolStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Each export pipeline's counters as meters, tagged {@code exporter=<name>}:
 * {@code tracekit.spans.exported}, {@code tracekit.spans.failed} and {@code tracekit.spans.rejected}
 * (spans the collector refused from an accepted export) for every pipeline, and for
 * pipelines with a batch queue {@code tracekit.spans.dropped} (tagged {@code reason=queue_full}),
 * {@code tracekit.queue.size} and {@code tracekit.queue.capacity}; for pipelines with a spool
 * {@code tracekit.spool.spooled}, {@code .replayed}, {@code .expired}, {@code .corrupt} (files),
 * {@code .refused}, {@code .pending} and {@code .size} (bytes). The meters read the live
 * counters when the registry polls them; nothing is recorded twice.
 */
public final class ExportPipelineMetrics implements MeterBinder {

	private static final String SPANS = "spans";

	private final ExportPipelines pipelines;

	public ExportPipelineMetrics(ExportPipelines pipelines) {
		this.pipelines = pipelines;
	}

	private static void spoolCounter(MeterRegistry registry, String name, SpoolStatistics spool,
			ToDoubleFunction<SpoolStatistics> value, String description, Tags tags) {
		FunctionCounter.builder(name, spool, value).description(description).baseUnit(SPANS).tags(tags).register(registry);
	}

	private static void bindSpool(MeterRegistry registry, Tags tags, SpoolStatistics spool) {
		spoolCounter(registry, "tracekit.spool.spooled", spool, SpoolStatistics::spooled,
				"Spans written to the spool", tags);
		spoolCounter(registry, "tracekit.spool.replayed", spool, SpoolStatistics::replayed,
				"Spans read back from the spool and delivered", tags);
		spoolCounter(registry, "tracekit.spool.expired", spool, SpoolStatistics::expired,
				"Spans deleted from the spool unsent, over its disk budget or past its maximum age", tags);
		spoolCounter(registry, "tracekit.spool.refused", spool, SpoolStatistics::refused,
				"Spans the spool could not take", tags);
		FunctionCounter.builder("tracekit.spool.corrupt", spool, SpoolStatistics::corruptFiles)
			.description("Spool files skipped as truncated or corrupt")
			.baseUnit("files")
			.tags(tags)
			.register(registry);
		Gauge.builder("tracekit.spool.pending", spool, SpoolStatistics::pendingSpans)
			.description("Spans in spool files waiting to be replayed")
			.baseUnit(SPANS)
			.tags(tags)
			.register(registry);
		Gauge.builder("tracekit.spool.size", spool, SpoolStatistics::pendingBytes)
			.description("Disk taken by the spool files")
			.baseUnit("bytes")
			.tags(tags)
			.register(registry);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ExportPipeline pipeline : this.pipelines.all()) {
			ExportStatistics statistics = pipeline.statistics();
			Tags tags = Tags.of("exporter", pipeline.name());
			FunctionCounter.builder("tracekit.spans.exported", statistics, ExportStatistics::exported)
				.description("Spans the exporter delivered")
				.baseUnit(SPANS)
				.tags(tags)
				.register(registry);
			FunctionCounter.builder("tracekit.spans.failed", statistics, ExportStatistics::failed)
				.description("Spans in exports that failed, after the exporter's own retries")
				.baseUnit(SPANS)
				.tags(tags)
				.register(registry);
			FunctionCounter.builder("tracekit.spans.rejected", statistics, ExportStatistics::rejected)
				.description("Spans the collector refused from exports it accepted (OTLP partial success)")
				.baseUnit(SPANS)
				.tags(tags)
				.register(registry);
			SpoolStatistics spool = statistics.spool();
			if (spool != null) {
				bindSpool(registry, tags, spool);
			}
			// A simple processor has no queue: it neither drops spans nor holds any back.
			if (statistics.queueCapacity() > 0) {
				FunctionCounter.builder("tracekit.spans.dropped", statistics, ExportStatistics::droppedQueueFull)
					.description("Spans dropped without an export attempt")
					.baseUnit(SPANS)
					.tags(tags.and("reason", "queue_full"))
					.register(registry);
				Gauge.builder("tracekit.queue.size", statistics, ExportStatistics::queueSize)
					.description("Spans waiting in the batch processor's queue")
					.baseUnit(SPANS)
					.tags(tags)
					.register(registry);
				Gauge.builder("tracekit.queue.capacity", statistics, ExportStatistics::queueCapacity)
					.description("The most spans the batch processor's queue holds")
					.baseUnit(SPANS)
					.tags(tags)
					.register(registry);
			}
		}
	}

}
