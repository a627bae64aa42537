package dev.tracekit.viewer;

import java.util.List;

/**
 * The endpoint's answer to a list request: the matching traces, newest first, and how full the
 * viewer is.
 * @param traces the traces that match the request, newest first
 * @param keptTraces the traces kept, matching or not
 * @param maxTraces {@code tracekit.viewer.max-traces}
 * @param memoryBytes the estimated memory the kept traces take
 * @param maxMemoryBytes {@code tracekit.viewer.max-memory}
 * @param evictedTraces traces let go to make room for newer ones since startup
 * @param droppedSpans spans that never reached the viewer since startup, because they ended
 * faster than it could take them in
 * @param spansNotKept spans not kept since startup because their trace alone would have exceeded
 * {@code max-memory}
 */
public record TraceList(List<TraceSummary> traces, int keptTraces, int maxTraces, long memoryBytes,
		long maxMemoryBytes, long evictedTraces, long droppedSpans, long spansNotKept) {
}
