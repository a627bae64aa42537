package dev.tracekit.viewer;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which kept traces a list request wants; each filter left out matches every trace.
 * @param name part of the name of any span of the trace, ignoring case
 * @param minDuration the shortest trace wanted
 * @param error {@code true} for traces with an error span only, {@code false} for traces without
 */
public record TraceQuery(@Nullable String name, @Nullable Duration minDuration, @Nullable Boolean error) {

	/** Every trace. */
	public static final TraceQuery ALL = new TraceQuery(null, null, null);

	boolean matches(KeptTrace trace, TraceSummary summary) {
		if (this.error != null && summary.error() != this.error) {
			return false;
		}
		if (this.minDuration != null && summary.durationMillis() < this.minDuration.toNanos() / 1e6) {
			return false;
		}
		return this.name == null || this.name.isBlank()
				|| trace.hasSpanNamed(this.name.strip().toLowerCase(Locale.ROOT));
	}

}
