package dev.tracekit.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/** Properties under {@code tracekit.} that nothing binds; reported by {@link UnknownPropertiesFailureAnalyzer}. */
public class UnknownPropertiesException extends RuntimeException {

	private final List<UnknownPropertiesCheck.UnknownProperty> properties;

	UnknownPropertiesException(List<UnknownPropertiesCheck.UnknownProperty> properties) {
		super(properties.stream().map(UnknownPropertiesCheck.UnknownProperty::describe).collect(Collectors.joining("; ")));
		this.properties = List.copyOf(properties);
	}

	public List<UnknownPropertiesCheck.UnknownProperty> properties() {
		return this.properties;
	}

}
