package dev.tracekit.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * The rules several groups apply to numbers and durations, each with the message that says what is accepted.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class ValueRules {

	/** The code every tracekit rejection carries. */
	public static final String ERROR_CODE = "tracekit.invalid";

	private ValueRules() {
	}

	public static void positive(Errors errors, String field, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			reject(errors, field, "must be a positive duration, e.g. 10s or 500ms");
		}
	}

	/** Zero is accepted: as in the SDK, it means no limit. */
	public static void notNegative(Errors errors, String field, Duration duration) {
		if (duration.isNegative()) {
			reject(errors, field, "must not be negative; e.g. 10s or 500ms (0 means no limit)");
		}
	}

	public static void positive(Errors errors, String field, int value) {
		if (value <= 0) {
			reject(errors, field, "must be a positive whole number");
		}
	}

	public static void notNegative(Errors errors, String field, @Nullable Integer value) {
		if (value != null && value < 0) {
			reject(errors, field, "must be zero or a positive whole number");
		}
	}

	public static void reject(Errors errors, String field, String message) {
		errors.rejectValue(field, ERROR_CODE, message);
	}

}
