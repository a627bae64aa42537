/**
 * The pipeline's life beside the application context's: {@code tracekit.lifecycle.*}, the bounded
 * flush and shutdown, and the registration of {@code GlobalOpenTelemetry}.
 */
@NullMarked
package dev.tracekit.lifecycle;

import org.jspecify.annotations.NullMarked;
