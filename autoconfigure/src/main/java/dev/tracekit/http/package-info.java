/**
 * Spans of Spring's HTTP instrumentation (Spring MVC and WebFlux servers, {@code RestClient},
 * {@code RestTemplate} and {@code WebClient}) named and described by OpenTelemetry's stable HTTP
 * semantic conventions, while the observations, and so the metrics, keep Spring's own
 * conventions.
 */
@NullMarked
package dev.tracekit.http;

import org.jspecify.annotations.NullMarked;
