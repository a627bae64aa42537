/**
 * Annotations that trace Spring bean methods: {@link dev.tracekit.annotation.Traced} and
 * {@link dev.tracekit.annotation.SpanAttribute}.
 */
@NullMarked
package dev.tracekit.annotation;

import org.jspecify.annotations.NullMarked;
