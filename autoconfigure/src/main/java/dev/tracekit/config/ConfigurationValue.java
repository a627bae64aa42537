package dev.tracekit.config;

/**
 * An enumerated setting whose accepted spelling in configuration is {@link #id()}, the name the
 * OpenTelemetry specification uses (such as {@code parentbased_traceidratio}).
 */
public interface ConfigurationValue {

	/** The name used in configuration and in the OpenTelemetry specification. */
	String id();

}
