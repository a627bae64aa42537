package dev.tracekit.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tracekit.export.ExportPipeline;
import dev.tracekit.export.ExportStatistics;
import dev.tracekit.spool.SpoolStatistics;
import dev.tracekit.export.ReliableFlush;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Flushes and then shuts down the tracer provider when the context closes, each step bounded by
 * its timeout, and reports what was not delivered.
 *
 * <p>
 * Stopping a context that is not closing is a pause, not an end: Spring's test framework pauses a
 * cached context when the next test class needs another one and restarts it when a later class
 * needs it again ({@code ConfigurableApplicationContext.pause()}/{@code restart()}), and
 * {@code stop()}/{@code start()} work the same way. A pause flushes what the pipeline holds,
 * bounded by the pause flush timeout, and keeps the pipeline: spans that end while the context is
 * paused are exported as usual (or counted if they cannot be), and a restart needs nothing more.
 * Only closing the context shuts the pipeline down.
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
public final class TracerProviderLifecycle implements SmartLifecycle, ApplicationContextAware, DisposableBean {

	/** Lower than the web server's phases (SmartLifecycle.DEFAULT_PHASE - 2048 and - 1024). */
	public static final int PHASE = Integer.MIN_VALUE + 1000;

	/** The pause flush timeout when none is given. */
	public static final Duration DEFAULT_PAUSE_FLUSH_TIMEOUT = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(TracerProviderLifecycle.class);

	private final SdkTracerProvider tracerProvider;

	private final List<ExportPipeline> pipelines;

	private final Duration flushTimeout;

	private final Duration shutdownTimeout;

	private final Duration pauseFlushTimeout;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable ConfigurableApplicationContext context;

	private volatile boolean running;

	private volatile boolean paused;

	public TracerProviderLifecycle(SdkTracerProvider tracerProvider, List<ExportPipeline> pipelines,
			Duration flushTimeout, Duration shutdownTimeout) {
		this(tracerProvider, pipelines, flushTimeout, shutdownTimeout, DEFAULT_PAUSE_FLUSH_TIMEOUT);
	}

	/**
	 * @param tracerProvider the provider to flush and shut down
	 * @param pipelines tracekit's export pipelines, whose losses are reported at shutdown
	 * @param flushTimeout the bound on the flush when the context closes
	 * @param shutdownTimeout the bound on the shutdown after that flush
	 * @param pauseFlushTimeout the bound on the flush when the context is paused or stopped
	 */
	public TracerProviderLifecycle(SdkTracerProvider tracerProvider, List<ExportPipeline> pipelines,
			Duration flushTimeout, Duration shutdownTimeout, Duration pauseFlushTimeout) {
		this.tracerProvider = tracerProvider;
		this.pipelines = List.copyOf(pipelines);
		this.flushTimeout = flushTimeout;
		this.shutdownTimeout = shutdownTimeout;
		this.pauseFlushTimeout = pauseFlushTimeout;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		if (applicationContext instanceof ConfigurableApplicationContext configurable) {
			this.context = configurable;
		}
	}

	@Override
	public void start() {
		if (this.paused && logger.isDebugEnabled()) {
			logger.debug("tracekit: context restarted; the pipeline it kept while paused records and exports as before");
		}
		this.paused = false;
		this.running = true;
	}

	@Override
	public void stop() {
		try {
			if (isContextClosing()) {
				close();
			}
			else {
				pause();
			}
		}
		finally {
			this.running = false;
		}
	}

	// Spring marks a context closed before it stops its lifecycle beans; any other stop is a pause.
	// Outside a context nothing can restart this bean, so a stop is the end.
	private boolean isContextClosing() {
		ConfigurableApplicationContext context = this.context;
		return context == null || context.isClosed();
	}

	private void pause() {
		if (this.closed.get()) {
			return;
		}
		this.paused = true;
		CompletableResultCode flush = ReliableFlush.request(this.tracerProvider::forceFlush)
			.join(this.pauseFlushTimeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!flush.isDone() && logger.isDebugEnabled()) {
			logger.debug("tracekit: context paused before its spans were flushed (tracekit.lifecycle.pause-flush-timeout "
					+ this.pauseFlushTimeout + "); the pipeline keeps running and exports them");
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

	/** Whether the context is paused (or stopped) and may be restarted; the pipeline still runs. */
	public boolean isPaused() {
		return this.paused && !this.closed.get();
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
		long rejected = statistics.rejected();
		long dropped = statistics.droppedQueueFull();
		ExportStatistics.Failure lastFailure = statistics.lastFailure();
		SpoolStatistics spool = statistics.spool();
		if (spool != null && spool.available()) {
			// Failed exports were spooled: what was not delivered is kept for the next run or counted lost.
			logger.warn("tracekit: exporter '" + pipeline.name() + "' (" + pipeline.description() + ") did not deliver "
					+ undelivered + " of " + statistics.accepted() + " spans before shutdown: " + spool.pendingSpans()
					+ " are in the spool for the next run; lost: " + dropped + " dropped because the queue was full, "
					+ spool.expired() + " expired from the spool, " + spool.corruptSpans() + " in corrupt spool files, "
					+ spool.refused() + " refused by the spool"
					+ ((lastFailure != null) ? ". Last error: " + lastFailure.cause() : ""));
			return;
		}
		logger.warn("tracekit: exporter '" + pipeline.name() + "' (" + pipeline.description() + ") did not deliver "
				+ undelivered + " of " + statistics.accepted() + " spans: " + failed + " in failed exports, "
				+ ((rejected > 0) ? rejected + " rejected by the collector, " : "") + dropped
				+ " dropped because the queue was full, " + (undelivered - failed - rejected - dropped)
				+ " abandoned at shutdown" + ((lastFailure != null) ? ". Last error: " + lastFailure.cause() : ""));
	}

}
