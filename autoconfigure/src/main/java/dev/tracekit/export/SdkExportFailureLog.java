package dev.tracekit.export;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;

/**
 * Drops the OpenTelemetry SDK's own log records about failed span exports: tracekit reports every
 * failure of its exporters itself, once and then summarised, with the exporter's name, endpoint
 * and cause ({@link ExportHealthLog}), while the SDK logs each one again at ERROR with a stack
 * trace. Only the two OTLP exporter loggers are touched, and on them only the records about spans,
 * so log or metric exporters sharing those classes still report their failures.
 */
final class SdkExportFailureLog {

	// The loggers of the SDK's OTLP gRPC and HTTP exporters (opentelemetry-exporter-common).
	private static final List<String> LOGGER_NAMES = List.of("io.opentelemetry.exporter.internal.grpc.GrpcExporter",
			"io.opentelemetry.exporter.internal.http.HttpExporter");

	private static final String SPAN_FAILURE = "Failed to export spans";

	// The SDK's notice that it throttles these loggers: about the records dropped here.
	private static final String THROTTLE_NOTICE = "Too many log messages detected";

	private static final AtomicBoolean installed = new AtomicBoolean();

	// java.util.logging holds loggers weakly: a logger not referenced would lose its filter.
	private static final List<Logger> loggers = LOGGER_NAMES.stream().map(Logger::getLogger).toList();

	private SdkExportFailureLog() {
	}

	/** Installs the filter on the SDK's exporter loggers, once per JVM. */
	static void quiet() {
		if (installed.compareAndSet(false, true)) {
			loggers.forEach((logger) -> logger.setFilter(new DuplicateSpanFailures(logger.getFilter())));
		}
	}

	/** Whether a record of the SDK's exporter loggers repeats what tracekit reports. */
	static boolean isDuplicate(LogRecord record) {
		String message = record.getMessage();
		return message != null && (message.startsWith(SPAN_FAILURE) || message.startsWith(THROTTLE_NOTICE));
	}

	private record DuplicateSpanFailures(@Nullable Filter previous) implements Filter {

		@Override
		public boolean isLoggable(LogRecord record) {
			return !isDuplicate(record) && (this.previous == null || this.previous.isLoggable(record));
		}

	}

}
