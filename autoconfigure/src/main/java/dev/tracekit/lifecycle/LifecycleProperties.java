package dev.tracekit.lifecycle;

import java.time.Duration;

import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;

import org.springframework.validation.Errors;

/** What happens when the application context closes: {@code tracekit.lifecycle.*}. */
public class LifecycleProperties implements ValidatedProperties {

	/** The flush timeout when none is configured. */
	public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);

	/** Longest wait for queued spans to be exported when the context closes. */
	private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;

	/** Longest wait for processors and exporters to shut down after the flush. */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Longest wait for queued spans to be exported when the context is paused or stopped without
	 * closing (Spring's test framework pauses cached contexts). The pipeline keeps running while
	 * paused, so spans not exported by then are exported later.
	 */
	private Duration pauseFlushTimeout = Duration.ofSeconds(1);

	public Duration getFlushTimeout() {
		return this.flushTimeout;
	}

	public void setFlushTimeout(Duration flushTimeout) {
		this.flushTimeout = flushTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Duration getPauseFlushTimeout() {
		return this.pauseFlushTimeout;
	}

	public void setPauseFlushTimeout(Duration pauseFlushTimeout) {
		this.pauseFlushTimeout = pauseFlushTimeout;
	}

	@Override
	public void validate(Errors errors) {
		ValueRules.positive(errors, "flushTimeout", this.flushTimeout);
		ValueRules.positive(errors, "shutdownTimeout", this.shutdownTimeout);
		ValueRules.positive(errors, "pauseFlushTimeout", this.pauseFlushTimeout);
	}

}
