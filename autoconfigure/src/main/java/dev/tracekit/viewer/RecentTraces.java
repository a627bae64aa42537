package dev.tracekit.viewer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.export.ReliableFlush;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.jspecify.annotations.Nullable;

/**
 * The last traces, kept in memory for the trace viewer. Its {@link #processor() processor} joins
 * the tracer provider; the spans ended there reach the kept traces through the SDK's batch
 * processor, whose lock-free queue is all a thread ending a span touches. Grouping spans by trace
 * and letting old traces go happen on the processor's worker thread.
 *
 * <p>
 * It is an export pipeline like the configured exporters, so it counts what it accepts and the
 * spans its queue had to drop when they ended faster than it took them in.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class RecentTraces {

	/** Spans on their way in: the SDK's default batch queue. */
	static final int QUEUE_SIZE = 2048;

	// How long ended spans may wait before they are grouped; a read takes them in at once anyway.
	private static final Duration SCHEDULE_DELAY = Duration.ofSeconds(1);

	private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(2);

	private final TraceStore store;

	private final ExportPipeline pipeline;

	private final int maxTraces;

	private final long maxBytes;

	public RecentTraces(TraceViewerProperties properties) {
		this.maxTraces = properties.getMaxTraces();
		this.maxBytes = properties.getMaxMemory().toBytes();
		this.store = new TraceStore(this.maxTraces, this.maxBytes);
		this.pipeline = ExportPipeline.of("trace-viewer", "in memory, for the trace viewer", this.store,
				(exporter, meterProvider) -> BatchSpanProcessor.builder(exporter)
					.setScheduleDelay(SCHEDULE_DELAY)
					.setMaxQueueSize(QUEUE_SIZE)
					.setMeterProvider(meterProvider)
					.build(),
				QUEUE_SIZE, false, Duration.ofMinutes(1), List.of());
	}

	/** The processor to add to the tracer provider; shutting the provider down shuts it down. */
	public SpanProcessor processor() {
		return this.pipeline.processor();
	}

	/** The kept traces that match the query, newest first, with how full the viewer is. */
	public TraceList list(TraceQuery query) {
		catchUp();
		List<TraceSummary> traces = this.store.summaries(query);
		TraceStore.Usage usage = this.store.usage();
		ExportStatistics statistics = this.pipeline.statistics();
		return new TraceList(traces, usage.traces(), this.maxTraces, usage.bytes(), this.maxBytes,
				usage.evictedTraces(), statistics.droppedQueueFull() + statistics.endedAfterShutdown(),
				usage.spansNotKept());
	}

	/** One kept trace, whole, or {@code null} when it is not (or no longer) kept. */
	public @Nullable TraceDetail trace(String traceId) {
		catchUp();
		return this.store.detail(traceId);
	}

	// Spans ended before a read are in the answer: the queue is drained into the store first.
	private void catchUp() {
		ReliableFlush.request(this.pipeline.processor()::forceFlush)
			.join(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

}
