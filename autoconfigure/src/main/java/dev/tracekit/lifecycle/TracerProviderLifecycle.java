package dev.tracekit.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.export.ReliableFlush;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Flushes and then shuts down the tracer provider when the context closes, each step bounded by
 * its timeout, and reports what was not delivered.
 *
 * <p>
 * Its phase is near the lowest possible, so it stops after the web server's graceful shutdown and
 * after every other lifecycle bean: spans of requests still in flight end before the flush. If
 * the context fails before it starts, {@link #destroy()} shuts the provider down instead, so no
 * export thread outlives a failed context.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class TracerProviderLifecycle implements SmartLifecycle, DisposableBean {

	/** Lower than the web server's phases (SmartLifecycle.DEFAULT_PHASE - 2048 and - 1024). */
	public static final int PHASE = Integer.MIN_VALUE + 1000;

	private static final Log logger = LogFactory.getLog(TracerProviderLifecycle.class);

	private final SdkTracerProvider tracerProvider;

	private final List<ExportPipeline> pipelines;

	private final Duration flushTimeout;

	private final Duration shutdownTimeout;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean running;

	public TracerProviderLifecycle(SdkTracerProvider tracerProvider, List<ExportPipeline> pipelines,
			Duration flushTimeout, Duration shutdownTimeout) {
		this.tracerProvider = tracerProvider;
		this.pipelines = List.copyOf(pipelines);
		this.flushTimeout = flushTimeout;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		try {
			close();
		}
		finally {
			this.running = false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		close();
	}

	/** Whether the provider has been flushed and shut down. */
	public boolean isClosed() {
		return this.closed.get();
	}

	/** Flushes, then shuts down, once; later calls return at once. */
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		// tracekit's own pipelines guard their flushes already; this covers user processors and providers.
		CompletableResultCode flush = ReliableFlush.request(this.tracerProvider::forceFlush)
			.join(this.flushTimeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!flush.isDone()) {
			logger.warn("tracekit: flushing spans did not finish within " + this.flushTimeout
					+ " (tracekit.lifecycle.flush-timeout); shutting down anyway");
		}
		CompletableResultCode shutdown = this.tracerProvider.shutdown()
			.join(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!shutdown.isDone()) {
			logger.warn("tracekit: shutting down the exporters did not finish within " + this.shutdownTimeout
					+ " (tracekit.lifecycle.shutdown-timeout); their last exports are abandoned");
		}
		this.pipelines.forEach(TracerProviderLifecycle::report);
	}

	private static void report(ExportPipeline pipeline) {
		ExportStatistics statistics = pipeline.statistics();
		long undelivered = statistics.undelivered();
		if (undelivered <= 0) {
			if (logger.isDebugEnabled()) {
				logger.debug("tracekit: exporter '" + pipeline.name() + "' delivered all " + statistics.exported()
						+ " spans before shutdown");
			}
			return;
		}
		long failed = statistics.failed();
		long dropped = statistics.droppedQueueFull();
		ExportStatistics.Failure lastFailure = statistics.lastFailure();
		logger.warn("tracekit: exporter '" + pipeline.name() + "' (" + pipeline.description() + ") did not deliver "
				+ undelivered + " of " + statistics.accepted() + " spans: " + failed + " in failed exports, " + dropped
				+ " dropped because the queue was full, " + (undelivered - failed - dropped)
				+ " abandoned at shutdown" + ((lastFailure != null) ? ". Last error: " + lastFailure.cause() : ""));
	}

}
