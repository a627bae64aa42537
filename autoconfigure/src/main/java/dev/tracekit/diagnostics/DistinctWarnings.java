package dev.tracekit.diagnostics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;

/**
 * Logs each distinct warning once per JVM. A test suite builds several application contexts in
 * one JVM (one per distinct test configuration), and each would repeat the findings of the first:
 * later repeats go to debug.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class DistinctWarnings {

	// Bounded by the distinct texts a configuration can produce: a few per context configuration.
	private static final Set<String> told = ConcurrentHashMap.newKeySet();

	private DistinctWarnings() {
	}

	/**
	 * Logs the message at WARN the first time, at DEBUG afterwards.
	 * @param logger where to log
	 * @param message the warning
	 */
	public static void warn(Log logger, String message) {
		if (told.add(message)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("(said before in this JVM) " + message);
		}
	}

	/** Forgets what was said, for tests that check that a warning is logged. */
	public static void forget() {
		told.clear();
	}

}
