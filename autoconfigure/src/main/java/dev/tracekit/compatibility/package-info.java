/**
 * The versions tracekit runs on: what the OpenTelemetry SDK on the classpath offers beyond the
 * oldest supported line, and the startup check that refuses versions older than supported.
 */
@NullMarked
package dev.tracekit.compatibility;

import org.jspecify.annotations.NullMarked;
