/** The OpenTelemetry SDK's {@code OTEL_*} variables and {@code otel.*} system properties, mapped into {@code tracekit.*}. */
@NullMarked
package dev.tracekit.env;

import org.jspecify.annotations.NullMarked;
