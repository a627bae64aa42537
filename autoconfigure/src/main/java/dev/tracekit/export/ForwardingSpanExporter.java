package dev.tracekit.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An exporter that wraps another for what it does to exports, and passes flush, shutdown and its
 * description on unchanged.
 */
abstract class ForwardingSpanExporter implements SpanExporter {

	/** The wrapped exporter. */
	protected final SpanExporter delegate;

	ForwardingSpanExporter(SpanExporter delegate) {
		this.delegate = delegate;
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
