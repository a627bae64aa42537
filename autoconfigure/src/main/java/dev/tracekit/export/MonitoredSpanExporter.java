package dev.tracekit.export;

import java.time.Instant;
import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Counts what its delegate exports, what it fails to export and what the collector refuses of an
 * accepted export (partial success, read by {@link OtlpSenderLoader}), and tells the health log.
 */
final class MonitoredSpanExporter extends ForwardingSpanExporter {

	private final ExportStatistics statistics;

	private final ExportHealthLog healthLog;

	MonitoredSpanExporter(SpanExporter delegate, ExportStatistics statistics, ExportHealthLog healthLog) {
		super(delegate);
		this.statistics = statistics;
		this.healthLog = healthLog;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result;
		CollectorResponses.Answer answer = CollectorResponses.open();
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			failed(count, ex);
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
		finally {
			CollectorResponses.close();
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				succeeded(count, answer.partialSuccess());
			}
			else {
				failed(count, result.getFailureThrowable(), answer.transportFailure());
			}
		});
		return result;
	}

	// A collector that accepts an export may still refuse some of its spans: those are not delivered.
	private void succeeded(int count, @Nullable PartialSuccess partialSuccess) {
		long rejected = (partialSuccess != null) ? Math.min(Math.max(partialSuccess.rejectedSpans(), 0), count) : 0;
		if (partialSuccess == null || rejected == 0) {
			this.statistics.recordExported(count);
			this.healthLog.onSuccess();
			if (partialSuccess != null) {
				this.healthLog.onCollectorWarning(partialSuccess.errorMessage());
			}
			return;
		}
		ExportStatistics.Failure failure = this.healthLog.rejection(Instant.now(), rejected, count,
				partialSuccess.errorMessage());
		this.statistics.recordPartiallyRejected(count - (int) rejected, (int) rejected, failure);
		this.healthLog.onFailure((int) rejected, failure);
	}

	private void failed(int count, @Nullable Throwable cause) {
		failed(count, cause, null);
	}

	private void failed(int count, @Nullable Throwable cause, @Nullable Throwable transportFailure) {
		ExportStatistics.Failure failure = this.healthLog.failure(Instant.now(), cause, transportFailure);
		this.statistics.recordFailed(count, failure);
		this.healthLog.onFailure(count, failure);
	}

}
