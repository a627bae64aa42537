package dev.tracekit.compatibility;

import java.util.List;
import java.util.stream.Collectors;

import dev.tracekit.compatibility.SupportedVersions.UnsupportedVersion;

/** Thrown at startup when the classpath holds library versions tracekit does not support. */
public class UnsupportedVersionException extends RuntimeException {

	private final List<UnsupportedVersion> unsupported;

	public UnsupportedVersionException(List<UnsupportedVersion> unsupported) {
		super("tracekit does not support " + unsupported.stream()
			.map(UnsupportedVersion::found)
			.collect(Collectors.joining("; ")));
		this.unsupported = List.copyOf(unsupported);
	}

	/** Each unsupported version with what to change. */
	public List<UnsupportedVersion> unsupported() {
		return this.unsupported;
	}

}
