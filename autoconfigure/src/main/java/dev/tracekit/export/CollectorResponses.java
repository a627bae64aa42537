package dev.tracekit.export;

import org.jspecify.annotations.Nullable;

/**
 * Carries what the collector answered to one export from the sender that received the answer to
 * the {@link MonitoredSpanExporter} that started the export. The SDK's OTLP exporters hand a
 * request to their sender on the thread that called {@code export}, so the monitored exporter
 * opens an {@link Answer} on that thread and the sender ({@link OtlpSenderLoader}) takes it there
 * and fills it when the answer arrives, before the export's result completes. Exports of other
 * exporters, or of several exporters at once, each have their own answer.
 */
final class CollectorResponses {

	private static final ThreadLocal<@Nullable Answer> current = new ThreadLocal<>();

	private CollectorResponses() {
	}

	/** Opens the answer of the export about to start on this thread; close it once the export is handed over. */
	static Answer open() {
		Answer answer = new Answer();
		current.set(answer);
		return answer;
	}

	/** Ends the hand-over started by {@link #open()}. */
	static void close() {
		current.remove();
	}

	/** The answer of the export being handed to a sender on this thread, if one is. */
	static @Nullable Answer current() {
		return current.get();
	}

	/** The collector's answer to one export, as far as tracekit reads it. */
	static final class Answer {

		private volatile @Nullable PartialSuccess partialSuccess;

		private volatile @Nullable Throwable transportFailure;

		void partialSuccess(@Nullable PartialSuccess partialSuccess) {
			this.partialSuccess = partialSuccess;
		}

		void transportFailure(@Nullable Throwable transportFailure) {
			this.transportFailure = transportFailure;
		}

		/**
		 * Why the call failed below the answer, where the sender's answer carries only a status
		 * (grpc-java: the TLS or connection error behind {@code UNAVAILABLE}); {@code null} if unknown.
		 */
		@Nullable Throwable transportFailure() {
			return this.transportFailure;
		}

		/** The partial success the collector reported, or {@code null} if it accepted everything (or is not read). */
		@Nullable PartialSuccess partialSuccess() {
			return this.partialSuccess;
		}

	}

}
