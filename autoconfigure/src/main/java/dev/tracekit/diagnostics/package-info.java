/**
 * What tracekit says about itself: {@code tracekit.diagnostics.*}, the startup report and
 * warnings, unknown properties, and the failure analyzers that explain invalid settings.
 */
@NullMarked
package dev.tracekit.diagnostics;

import org.jspecify.annotations.NullMarked;
