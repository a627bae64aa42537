/**
 * Annotations that trace Spring bean methods, {@link dev.tracekit.annotation.Traced} and
 * {@link dev.tracekit.annotation.SpanAttribute}, and that name an injected tracer,
 * {@link dev.tracekit.annotation.TracerName}.
 */
@NullMarked
package dev.tracekit.annotation;

import org.jspecify.annotations.NullMarked;
