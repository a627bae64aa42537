package dev.tracekit.export;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a pipeline's processor to count the spans it accepts and to report, rather than silently
 * lose, spans that end after the pipeline shut down.
 */
final class MonitoredSpanProcessor implements SpanProcessor {

	private static final Log logger = LogFactory.getLog(MonitoredSpanProcessor.class);

	private final String pipelineName;

	private final SpanProcessor delegate;

	private final boolean exportUnsampled;

	private final ExportStatistics statistics;

	// Bounds closing the spool: a replayed export under way is left to finish on its own.
	private static final Duration SPOOL_CLOSE_TIMEOUT = Duration.ofSeconds(1);

	private final AtomicBoolean shutdown = new AtomicBoolean();

	private final @Nullable SpoolingSpanExporter spooling;

	MonitoredSpanProcessor(String pipelineName, SpanProcessor delegate, boolean exportUnsampled,
			ExportStatistics statistics) {
		this(pipelineName, delegate, exportUnsampled, statistics, null);
	}

	MonitoredSpanProcessor(String pipelineName, SpanProcessor delegate, boolean exportUnsampled,
			ExportStatistics statistics, @Nullable SpoolingSpanExporter spooling) {
		this.pipelineName = pipelineName;
		this.delegate = delegate;
		this.exportUnsampled = exportUnsampled;
		this.statistics = statistics;
		this.spooling = spooling;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		this.delegate.onStart(parentContext, span);
	}

	@Override
	public boolean isStartRequired() {
		return this.delegate.isStartRequired();
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (!span.getSpanContext().isSampled() && !this.exportUnsampled) {
			return;
		}
		if (this.shutdown.get()) {
			reportEndedAfterShutdown(span);
			return;
		}
		this.statistics.recordAccepted();
		if (this.spooling != null && this.spooling.divert(span)) {
			return;
		}
		this.delegate.onEnd(span);
	}

	private void reportEndedAfterShutdown(ReadableSpan span) {
		this.statistics.recordEndedAfterShutdown();
		long count = this.statistics.endedAfterShutdown();
		// The first one names the span; later ones at powers of two, so a storm stays a few lines.
		if (Long.bitCount(count) == 1) {
			logger.warn("tracekit: span '" + span.getName() + "' ended after exporter '" + this.pipelineName
					+ "' shut down and was not exported (" + count + " such span" + ((count == 1) ? "" : "s")
					+ " so far). Spans must end before the application context closes.");
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	// New spans are turned away first, then the queue is drained with a flush that cannot be handed
	// a stale result (see ReliableFlush), and only then is the delegate shut down: its own final
	// flush can hit that race, but by then it has nothing left to lose.
	@Override
	public CompletableResultCode shutdown() {
		if (this.shutdown.getAndSet(true)) {
			return this.delegate.shutdown();
		}
		CompletableResultCode result = new CompletableResultCode();
		CompletableResultCode flushed = ReliableFlush.request(this.delegate::forceFlush);
		flushed.whenComplete(() -> {
			CompletableResultCode stopped = this.delegate.shutdown();
			stopped.whenComplete(() -> {
				if (this.spooling != null) {
					this.spooling.closeSpool(SPOOL_CLOSE_TIMEOUT);
				}
				if (flushed.isSuccess() && stopped.isSuccess()) {
					result.succeed();
				}
				else {
					result.fail();
				}
			});
		});
		return result;
	}

	/** Whether shutting down has begun. */
	boolean isShutdown() {
		return this.shutdown.get();
	}

	@Override
	public CompletableResultCode forceFlush() {
		return ReliableFlush.request(this.delegate::forceFlush);
	}

	@Override
	public String toString() {
		return "MonitoredSpanProcessor{" + this.pipelineName + ": " + this.delegate + "}";
	}

}
