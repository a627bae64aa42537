/**
 * The pipeline's life beside the application context's: {@code tracekit.lifecycle.*}; a pause
 * keeps the pipeline, a close flushes and shuts it down within bounds, and
 * {@code GlobalOpenTelemetry} follows the context.
 */
@NullMarked
package dev.tracekit.lifecycle;

import org.jspecify.annotations.NullMarked;
