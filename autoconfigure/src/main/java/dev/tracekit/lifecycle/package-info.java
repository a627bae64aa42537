/**
 * The pipeline's lifecycle: a pause keeps it, a close flushes and shuts it down within bounds,
 * and {@code GlobalOpenTelemetry} follows the context.
 */
@NullMarked
package dev.tracekit.lifecycle;

import org.jspecify.annotations.NullMarked;
