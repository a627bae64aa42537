package dev.tracekit.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells, without flooding, how one pipeline's exports go: the first failure at WARN with the
 * exporter, endpoint and cause; while failures go on, one summary with counts per interval;
 * recovery once, at INFO. Spans a collector rejects from an export it accepted (OTLP partial
 * success) are failures too, told with the collector's message.
 */
final class ExportHealthLog {

	private static final Log logger = LogFactory.getLog(ExportHealthLog.class);

	private final String name;

	private final String description;

	private final Duration summaryInterval;

	private final Clock clock;

	private final List<String> secrets;

	private boolean failing;

	private Instant failingSince = Instant.EPOCH;

	private Instant lastLogged = Instant.EPOCH;

	private long exportsSinceLog;

	private long spansSinceLog;

	private long exportsWhileFailing;

	private volatile boolean collectorWarned;

	/**
	 * @param name the pipeline's name
	 * @param description where and how it exports
	 * @param summaryInterval how often failures that go on are summarised
	 * @param clock the time source
	 * @param secrets values that must never be logged (header values): an HTTP client may quote a
	 * header it refuses in its error message
	 */
	ExportHealthLog(String name, String description, Duration summaryInterval, Clock clock,
			Collection<String> secrets) {
		this.name = name;
		this.description = description;
		this.summaryInterval = summaryInterval;
		this.clock = clock;
		this.secrets = secrets.stream().filter((secret) -> !secret.isBlank()).toList();
	}

	/** Classifies what an exporter reported and builds the failure record, secrets masked. */
	ExportStatistics.Failure failure(Instant time, @Nullable Throwable cause) {
		return failure(time, cause, null);
	}

	/**
	 * As {@link #failure(Instant, Throwable)}, with the cause of the failed call below what the
	 * exporter reported, where its sender passed on only a status (see {@link CollectorResponses}).
	 */
	ExportStatistics.Failure failure(Instant time, @Nullable Throwable cause, @Nullable Throwable transportFailure) {
		ExportStatistics.Failure failure = classify(time, cause);
		String text = failure.cause();
		if (transportFailure != null) {
			text += "; caused by " + classify(time, transportFailure).cause();
		}
		return new ExportStatistics.Failure(failure.time(), masked(text), failure.rejectedCredentials());
	}

	/**
	 * The failure record of an export the collector accepted while rejecting some of its spans
	 * (OTLP partial success), with the collector's message, secrets masked.
	 */
	ExportStatistics.Failure rejection(Instant time, long rejected, int spans, String collectorMessage) {
		String text = "the collector rejected " + rejected + " of " + spans + " span" + plural(spans)
				+ " (OTLP partial success)" + (collectorMessage.isBlank() ? ", without a message" : ": " + collectorMessage);
		return new ExportStatistics.Failure(time, masked(text), false);
	}

	/**
	 * A collector that accepted every span but said something (a partial success with no span
	 * rejected): said once per pipeline, at WARN, as the OTLP specification means it as a warning.
	 */
	void onCollectorWarning(String collectorMessage) {
		if (collectorMessage.isBlank() || this.collectorWarned) {
			return;
		}
		this.collectorWarned = true;
		logger.warn("tracekit: exporter '" + this.name + "' (" + this.description
				+ "): the collector accepted every span of an export with a warning: " + masked(collectorMessage)
				+ ". Later warnings of this collector are not logged.");
	}

	private String masked(String text) {
		String masked = text;
		for (String secret : this.secrets) {
			masked = mask(masked, secret);
			masked = mask(masked, secret.strip());
		}
		return masked;
	}

	/**
	 * Masks each occurrence of the secret that stands on its own: where the secret starts or ends
	 * with a letter or digit, the neighbouring character must not be one, so a short secret such as
	 * "a" never garbles the words around it.
	 */
	static String mask(String text, String secret) {
		if (secret.isEmpty()) {
			return text;
		}
		StringBuilder masked = new StringBuilder(text.length());
		int from = 0;
		int found;
		while ((found = text.indexOf(secret, from)) >= 0) {
			int end = found + secret.length();
			boolean startsAlone = found == 0 || !Character.isLetterOrDigit(secret.charAt(0))
					|| !Character.isLetterOrDigit(text.charAt(found - 1));
			boolean endsAlone = end == text.length() || !Character.isLetterOrDigit(secret.charAt(secret.length() - 1))
					|| !Character.isLetterOrDigit(text.charAt(end));
			if (startsAlone && endsAlone) {
				masked.append(text, from, found).append("****");
				from = end;
			}
			else {
				masked.append(text, from, found + 1);
				from = found + 1;
			}
		}
		return masked.append(text.substring(from)).toString();
	}

	static ExportStatistics.Failure classify(Instant time, @Nullable Throwable cause) {
		if (cause == null) {
			return new ExportStatistics.Failure(time, "the exporter reported a failure without a cause", false);
		}
		boolean credentials = false;
		StringBuilder text = new StringBuilder();
		for (Throwable current = cause; current != null; current = (current.getCause() != current) ? current.getCause() : null) {
			// Exceptions often repeat their cause's message in their own; say each thing once.
			if (text.length() > 0 && current.getMessage() != null && text.indexOf(current.getMessage()) >= 0) {
				continue;
			}
			if (text.length() > 0) {
				text.append("; caused by ");
			}
			text.append(current.getClass().getSimpleName());
			CollectorAnswer answer = CollectorAnswer.of(current);
			if (answer != null) {
				text.append(": ").append(answer.text());
				credentials |= answer.rejectedCredentials();
			}
			else if (current.getMessage() != null) {
				text.append(": ").append(current.getMessage());
			}
		}
		return new ExportStatistics.Failure(time, text.toString(), credentials);
	}

	synchronized void onSuccess() {
		if (!this.failing) {
			return;
		}
		this.failing = false;
		Duration down = Duration.between(this.failingSince, this.clock.instant());
		logger.info("tracekit: exporter '" + this.name + "' (" + this.description + ") recovered: exports succeed again after "
				+ this.exportsWhileFailing + " failed export" + plural(this.exportsWhileFailing) + " over "
				+ seconds(down));
	}

	synchronized void onFailure(int spans, ExportStatistics.Failure failure) {
		Instant now = this.clock.instant();
		if (!this.failing) {
			this.failing = true;
			this.failingSince = now;
			this.lastLogged = now;
			this.exportsSinceLog = 0;
			this.spansSinceLog = 0;
			this.exportsWhileFailing = 1;
			logger.warn(firstFailureMessage(spans, failure));
			return;
		}
		this.exportsWhileFailing++;
		this.exportsSinceLog++;
		this.spansSinceLog += spans;
		if (Duration.between(this.lastLogged, now).compareTo(this.summaryInterval) >= 0) {
			logger.warn("tracekit: exporter '" + this.name + "' (" + this.description + ") is still failing: "
					+ this.exportsSinceLog + " more failed export" + plural(this.exportsSinceLog) + " ("
					+ this.spansSinceLog + " span" + plural(this.spansSinceLog) + ") in the last "
					+ seconds(Duration.between(this.lastLogged, now)) + ", failing since " + this.failingSince
					+ ". Last error: " + failure.cause());
			this.lastLogged = now;
			this.exportsSinceLog = 0;
			this.spansSinceLog = 0;
		}
	}

	private String firstFailureMessage(int spans, ExportStatistics.Failure failure) {
		String what = "tracekit: exporter '" + this.name + "' (" + this.description + ") failed to export " + spans
				+ " span" + plural(spans) + ": ";
		String next = " Further failures are summarised every " + seconds(this.summaryInterval)
				+ " until an export succeeds.";
		if (failure.rejectedCredentials()) {
			return what + "the endpoint rejected the credentials. Check the API key or token in this exporter's"
					+ " headers (tracekit.exporters." + this.name + ".headers) and that it is allowed to write traces. ("
					+ failure.cause() + ")" + next;
		}
		return what + failure.cause() + "." + next;
	}

	private static String plural(long count) {
		return (count == 1) ? "" : "s";
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() / 1000.0) + "s";
	}

}
