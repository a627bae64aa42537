package dev.tracekit.export;

import java.time.Instant;
import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Counts what its delegate exports and fails to export, and tells the health log. */
final class MonitoredSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final ExportStatistics statistics;

	private final ExportHealthLog healthLog;

	MonitoredSpanExporter(SpanExporter delegate, ExportStatistics statistics, ExportHealthLog healthLog) {
		this.delegate = delegate;
		this.statistics = statistics;
		this.healthLog = healthLog;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			failed(count, ex);
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.statistics.recordExported(count);
				this.healthLog.onSuccess();
			}
			else {
				failed(count, result.getFailureThrowable());
			}
		});
		return result;
	}

	private void failed(int count, Throwable cause) {
		ExportStatistics.Failure failure = this.healthLog.failure(Instant.now(), cause);
		this.statistics.recordFailed(count, failure);
		this.healthLog.onFailure(count, failure);
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
