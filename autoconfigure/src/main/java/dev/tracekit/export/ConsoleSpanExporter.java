package dev.tracekit.export;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Prints each span as one human-readable line: enough to follow a trace tree by its ids while
 * developing, without a collector.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class ConsoleSpanExporter implements SpanExporter {

	private final PrintStream out;

	public ConsoleSpanExporter() {
		this(System.out);
	}

	public ConsoleSpanExporter(PrintStream out) {
		this.out = out;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		for (SpanData span : spans) {
			this.out.println(format(span));
		}
		return CompletableResultCode.ofSuccess();
	}

	static String format(SpanData span) {
		StringBuilder line = new StringBuilder(160);
		line.append("[tracekit] ").append(span.getName());
		line.append(" trace=").append(span.getTraceId());
		line.append(" span=").append(span.getSpanId());
		if (span.getParentSpanContext().isValid()) {
			line.append(" parent=").append(span.getParentSpanId());
		}
		line.append(' ').append(span.getKind());
		double millis = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0;
		line.append(String.format(Locale.ROOT, " %.3fms", millis));
		if (span.getStatus().getStatusCode() != StatusCode.UNSET) {
			line.append(' ').append(span.getStatus().getStatusCode());
			if (!span.getStatus().getDescription().isEmpty()) {
				line.append(" (").append(span.getStatus().getDescription()).append(')');
			}
		}
		if (!span.getAttributes().isEmpty()) {
			Map<String, Object> attributes = new TreeMap<>();
			span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
			line.append(' ').append(attributes);
		}
		return line.toString();
	}

	@Override
	public CompletableResultCode flush() {
		this.out.flush();
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return flush();
	}

	@Override
	public String toString() {
		return "ConsoleSpanExporter";
	}

}
