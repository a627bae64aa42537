package dev.tracekit.env;

/**
 * An {@code OTEL_*} variable (or {@code otel.*} system property) whose value cannot be read. Thrown
 * while the environment is prepared, before any bean exists, and reported by tracekit's failure
 * analyzer.
 */
public class InvalidOtelVariableException extends RuntimeException {

	private final OtelVariable variable;

	private final String problem;

	private final String action;

	InvalidOtelVariableException(OtelVariable variable, String problem, String action) {
		super(variable.source() + ": " + problem);
		this.variable = variable;
		this.problem = problem;
		this.action = action;
	}

	public OtelVariable variable() {
		return this.variable;
	}

	/** The value as it may be shown: secrets such as header values are masked. */
	public String shownValue() {
		return this.variable.shownValue();
	}

	public String problem() {
		return this.problem;
	}

	public String action() {
		return this.action;
	}

}
