/**
 * The trace viewer: the last traces kept in memory, grouped as their spans end, served with a page
 * that draws them by the {@code traces} actuator endpoint. Nothing here exists unless
 * {@code tracekit.viewer.enabled=true} and the endpoint is exposed over HTTP.
 */
@NullMarked
package dev.tracekit.viewer;

import org.jspecify.annotations.NullMarked;
