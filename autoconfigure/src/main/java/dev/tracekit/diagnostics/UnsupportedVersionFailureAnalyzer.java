package dev.tracekit.diagnostics;

import java.util.stream.Collectors;

import dev.tracekit.compatibility.SupportedVersions.UnsupportedVersion;
import dev.tracekit.compatibility.UnsupportedVersionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports library versions tracekit does not support: what was found, what is required and what to
 * change in the build. Built only of types Spring Boot 3 has too, as it reports on Spring Boot 3.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class UnsupportedVersionFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedVersionException cause) {
		StringBuilder description = new StringBuilder("Unsupported library versions for tracing (tracekit):\n");
		for (UnsupportedVersion unsupported : cause.unsupported()) {
			description.append('\n')
				.append("    Found:    ").append(unsupported.found()).append('\n')
				.append("    Required: ").append(unsupported.required()).append('\n');
		}
		String action = cause.unsupported()
			.stream()
			.map(UnsupportedVersion::action)
			.distinct()
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis(description.toString(),
				action + "\ntracekit supports Spring Boot 4.0.x and 4.1.x with the versions each manages; see"
						+ " \"Supported versions\" in the tracekit README.",
				cause);
	}

}
