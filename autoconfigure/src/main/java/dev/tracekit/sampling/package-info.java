/** Which spans are recorded: {@code tracekit.sampler.*}, its rules and the Sampler built from it. */
@NullMarked
package dev.tracekit.sampling;

import org.jspecify.annotations.NullMarked;
