package dev.tracekit.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports properties under {@code tracekit.} that tracekit does not know, with the nearest valid key.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class UnknownPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownPropertiesException cause) {
		StringBuilder description = new StringBuilder("Invalid tracing configuration (tracekit):\n");
		for (UnknownPropertiesCheck.UnknownProperty property : cause.properties()) {
			description.append("\n    Property: ").append(property.name()).append('\n');
			if (property.origin() != null) {
				description.append("    Origin:   ").append(property.origin()).append('\n');
			}
			description.append("    Problem:  tracekit has no such property, so it would have no effect");
			if (property.suggestion() != null) {
				description.append("; did you mean '").append(property.suggestion()).append("'?");
			}
			description.append('\n');
		}
		return new FailureAnalysis(description.toString(),
				"Correct or remove the properties above. Every tracekit.* property is listed in the tracekit README."
						+ " To only warn about unknown properties (configuration shared across tracekit versions),"
						+ " set " + UnknownPropertiesCheck.ACTION_PROPERTY + "=warn.",
				cause);
	}

}
