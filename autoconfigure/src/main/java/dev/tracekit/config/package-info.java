/**
 * What every group of {@code tracekit.*} settings shares: enumerated values named as in the
 * OpenTelemetry specification, self-validation, warnings, and the reading of lists and durations
 * the way the SDK reads them.
 */
@NullMarked
package dev.tracekit.config;

import org.jspecify.annotations.NullMarked;
