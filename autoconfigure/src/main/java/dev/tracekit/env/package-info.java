/**
 * The OpenTelemetry SDK's {@code OTEL_*} environment variables and {@code otel.*} system
 * properties, read as the SDK reads them and mapped into the {@code tracekit.*} model before any
 * bean exists, each value keeping the variable it came from.
 */
@NullMarked
package dev.tracekit.env;

import org.jspecify.annotations.NullMarked;
