package dev.tracekit.diagnostics;

import dev.tracekit.env.InvalidOtelVariableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@code OTEL_*} variable whose value tracekit cannot read.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class InvalidOtelVariableFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOtelVariableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidOtelVariableException cause) {
		String description = "Invalid tracing configuration (tracekit):\n\n" + "    Variable: " + cause.variable().source()
				+ "\n" + "    Value:    \"" + cause.shownValue() + "\"\n" + "    Origin:   " + cause.variable().origin()
				+ "\n" + "    Problem:  " + cause.problem() + "\n";
		return new FailureAnalysis(description, cause.action() + ".", cause);
	}

}
