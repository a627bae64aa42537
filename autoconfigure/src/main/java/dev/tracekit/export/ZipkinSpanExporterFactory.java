package dev.tracekit.export;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Zipkin exporter of one {@code tracekit.exporters} entry. Only loaded when an exporter
 * of type zipkin is built, so {@code opentelemetry-exporter-zipkin} stays optional (its absence is
 * reported by {@link ExporterProperties}' validation, naming the dependency).
 */
final class ZipkinSpanExporterFactory {

	private ZipkinSpanExporterFactory() {
	}

	static SpanExporter create(ExporterProperties properties) {
		FailureCause.install();
		return new CauseReporting(ZipkinSpanExporter.builder()
			.setEndpoint(properties.effectiveEndpoint())
			.setReadTimeout(properties.getTimeout())
			.setCompression(properties.effectiveCompression().id())
			// Left at its default, the exporter reads GlobalOpenTelemetry and pins it before we register.
			.setMeterProvider(MeterProvider.noop())
			.build());
	}

	/** Where and how the exporter sends, for logs and reports. */
	static String describe(ExporterProperties properties) {
		String description = "zipkin " + properties.effectiveEndpoint();
		return (properties.effectiveCompression() != Compression.NONE)
				? description + ", " + properties.effectiveCompression().id() : description;
	}

	/**
	 * The Zipkin exporter, failing with the cause it only logs: it sends on the calling thread,
	 * logs the sender's exception and returns a failure without it. tracekit reports the failure
	 * with its cause, so the exporter's own record of it is dropped.
	 */
	private static final class CauseReporting extends ForwardingSpanExporter {

		CauseReporting(SpanExporter delegate) {
			super(delegate);
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			FailureCause.arm();
			try {
				CompletableResultCode result = this.delegate.export(spans);
				Throwable cause = FailureCause.take();
				return (cause != null && result.isDone() && !result.isSuccess())
						? CompletableResultCode.ofExceptionalFailure(cause) : result;
			}
			finally {
				FailureCause.disarm();
			}
		}

	}

	/** Takes the cause out of the exporter's log record while one of tracekit's exports runs on the thread. */
	private static final class FailureCause implements Filter {

		private static final String SPAN_FAILURE = "Failed to export spans";

		private static final AtomicBoolean installed = new AtomicBoolean();

		// java.util.logging holds loggers weakly: a logger not referenced would lose its filter.
		private static final Logger logger = ZipkinSpanExporter.baseLogger;

		private static final ThreadLocal<@Nullable Throwable[]> armed = new ThreadLocal<>();

		private final @Nullable Filter previous;

		private FailureCause(@Nullable Filter previous) {
			this.previous = previous;
		}

		static void install() {
			if (installed.compareAndSet(false, true)) {
				logger.setFilter(new FailureCause(logger.getFilter()));
			}
		}

		static void arm() {
			armed.set(new Throwable[1]);
		}

		static @Nullable Throwable take() {
			@Nullable Throwable[] slot = armed.get();
			return (slot != null) ? slot[0] : null;
		}

		static void disarm() {
			armed.remove();
		}

		@Override
		public boolean isLoggable(LogRecord record) {
			@Nullable Throwable[] slot = armed.get();
			String message = record.getMessage();
			if (slot != null && record.getThrown() != null && message != null && message.startsWith(SPAN_FAILURE)) {
				slot[0] = record.getThrown();
				return false;
			}
			return this.previous == null || this.previous.isLoggable(record);
		}

	}

}
