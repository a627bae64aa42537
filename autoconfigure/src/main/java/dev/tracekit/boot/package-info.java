/**
 * Spring Boot's own tracing extension points, as tracekit's pipeline honours them: tracer provider
 * and OTLP exporter builder customizers, OTLP connection details ({@code @ServiceConnection}), and
 * a startup warning for each of Spring Boot's tracing beans that tracekit does not use.
 */
@NullMarked
package dev.tracekit.boot;

import org.jspecify.annotations.NullMarked;
