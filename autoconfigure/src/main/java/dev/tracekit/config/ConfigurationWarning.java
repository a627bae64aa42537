package dev.tracekit.config;

/**
 * A setting that is valid but very likely a mistake. It is logged at WARN at startup unless its id
 * is listed in {@code tracekit.diagnostics.acknowledged-warnings}.
 * @param id a stable name for the kind of warning, such as {@code no-baggage}
 * @param message what is wrong and what to do, naming the property
 */
public record ConfigurationWarning(String id, String message) {

	/** The log line: the message and how to acknowledge it. */
	public String render() {
		return "tracekit: " + this.message + " (to acknowledge: tracekit.diagnostics.acknowledged-warnings=" + this.id
				+ ")";
	}

}
