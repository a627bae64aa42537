package dev.tracekit.export;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * Requests a flush, working around a race in the SDK's batch processor (1.62): its worker marks a
 * flush succeeded before it clears the request, so a flush requested in between is handed the
 * earlier, already succeeded result and returns before the spans ended since have been exported.
 * A flush a batch processor has really just accepted is not done yet, so a result that is done on
 * arrival is asked for again, a few times, with a short pause for the worker. Pipelines without a
 * batch processor pay those pauses, about 0.1 ms in all.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class ReliableFlush {

	private static final long[] RETRY_PAUSES_NANOS = { 1_000, 20_000, 100_000 };

	private ReliableFlush() {
	}

	/**
	 * @param flush requests one flush, such as {@code provider::forceFlush}
	 * @return the result of the flush to wait for
	 */
	public static CompletableResultCode request(Supplier<CompletableResultCode> flush) {
		CompletableResultCode result = flush.get();
		for (long pauseNanos : RETRY_PAUSES_NANOS) {
			if (!result.isDone()) {
				break;
			}
			LockSupport.parkNanos(pauseNanos);
			result = flush.get();
		}
		return result;
	}

}
