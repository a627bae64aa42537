/**
 * Spring's own instrumentation (Micrometer Observation and Micrometer Tracing) traced through
 * tracekit's pipeline, and Spring Boot's competing OpenTelemetry beans kept out of it.
 */
@NullMarked
package dev.tracekit.micrometer;

import org.jspecify.annotations.NullMarked;
