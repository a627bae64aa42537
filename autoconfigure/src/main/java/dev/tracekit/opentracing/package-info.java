/**
 * Code written against OpenTracing, traced through tracekit: an {@code io.opentracing.Tracer}
 * backed by tracekit's {@code OpenTelemetry} through OpenTelemetry's OpenTracing shim, also
 * registered as OpenTracing's {@code GlobalTracer}. OpenTracing is archived; this is for migrating
 * off it.
 */
@NullMarked
package dev.tracekit.opentracing;

import org.jspecify.annotations.NullMarked;
