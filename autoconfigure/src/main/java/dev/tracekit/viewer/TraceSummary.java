package dev.tracekit.viewer;

/**
 * One kept trace in the endpoint's list.
 * @param traceId the trace id
 * @param name the name of its root span (see {@code partial})
 * @param service the root span's {@code service.name}
 * @param start when its first span started (ISO-8601, UTC)
 * @param durationMillis from the first span's start to the last span's end
 * @param spanCount the spans kept
 * @param error whether any span has status ERROR
 * @param partial whether the root span is missing (not ended yet, or let go) or spans of the trace
 * were not kept; then {@code name} is that of its earliest span without a kept parent
 */
public record TraceSummary(String traceId, String name, String service, String start, double durationMillis,
		int spanCount, boolean error, boolean partial) {
}
