/**
 * OpenTelemetry {@code Tracer}s injected into beans, each named after the class it is injected
 * into (or {@link dev.tracekit.annotation.TracerName}) and versioned with the application.
 */
@NullMarked
package dev.tracekit.tracer;

import org.jspecify.annotations.NullMarked;
