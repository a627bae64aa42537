/**
 * tracekit under Spring's TestContext framework: network export is off in tests unless a test
 * opts in, as Spring Boot's test support does. Loaded only by the test framework.
 */
@NullMarked
package dev.tracekit.testcontext;

import org.jspecify.annotations.NullMarked;
