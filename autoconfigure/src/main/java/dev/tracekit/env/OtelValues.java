package dev.tracekit.env;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads the values of OpenTelemetry settings as the SDK's autoconfigure module reads them: lists
 * split at commas with blank entries dropped; {@code key=value} maps whose entries with an empty
 * value are dropped and whose later duplicates win; durations as a whole number with an optional
 * unit, milliseconds without one. A value the SDK refuses is refused here too, naming the variable
 * and what is accepted. Two readings are deliberately stricter or kinder: a boolean must be
 * {@code true} or {@code false} (the SDK reads anything else as false), and spaces around a
 * number are allowed (the SDK refuses them).
 *
 * <p>
 * The SDK's own reader ({@code DefaultConfigProperties}) is internal API, and its errors name the
 * normalized key rather than the variable as written and quote whole values, header secrets
 * included; so its few rules are restated here and proven equal by the parity tests.
 */
final class OtelValues {

	private static final Map<String, TimeUnit> DURATION_UNITS = Map.of("", TimeUnit.MILLISECONDS, "ns",
			TimeUnit.NANOSECONDS, "us", TimeUnit.MICROSECONDS, "ms", TimeUnit.MILLISECONDS, "s", TimeUnit.SECONDS, "m",
			TimeUnit.MINUTES, "h", TimeUnit.HOURS, "d", TimeUnit.DAYS);

	private static final String DURATION_FORM = "a whole number of milliseconds, or a whole number with one of the"
			+ " units ns, us, ms, s, m, h, d; e.g. 5000 or 5s";

	private OtelValues() {
	}

	/** A whole number, as the value to bind. */
	static String wholeNumber(OtelVariable variable) {
		String value = variable.value().trim();
		try {
			return Integer.toString(Integer.parseInt(value));
		}
		catch (NumberFormatException ex) {
			throw new InvalidOtelVariableException(variable, "is not a whole number (of at most 2147483647)",
					"Write a whole number, e.g. 128");
		}
	}

	/** A decimal number, as the value to bind. */
	static String decimal(OtelVariable variable) {
		String value = variable.value().trim();
		try {
			Double.parseDouble(value);
			return value;
		}
		catch (NumberFormatException ex) {
			throw new InvalidOtelVariableException(variable, "is not a number", "Write a decimal number, e.g. 0.25");
		}
	}

	/**
	 * A duration, as the value to bind: the value as written when Spring Boot reads it the same
	 * way (so a report shows it as the user wrote it), else the exact duration.
	 */
	static String duration(OtelVariable variable) {
		String value = variable.value();
		int unitStart = value.length();
		while (unitStart > 0 && !Character.isDigit(value.charAt(unitStart - 1))) {
			unitStart--;
		}
		TimeUnit unit = DURATION_UNITS.get(value.substring(unitStart).trim());
		long amount;
		try {
			amount = Long.parseLong(value.substring(0, unitStart).trim());
		}
		catch (NumberFormatException ex) {
			unit = null;
			amount = 0;
		}
		if (unit == null) {
			throw new InvalidOtelVariableException(variable, "is not a duration", "Write " + DURATION_FORM);
		}
		// TimeUnit.convert saturates at Long.MAX_VALUE nanoseconds, as in the SDK.
		Duration duration = Duration.ofNanos(TimeUnit.NANOSECONDS.convert(amount, unit));
		String written = value.trim();
		return readsAs(written, duration) ? written : duration.toString();
	}

	private static boolean readsAs(String written, Duration duration) {
		try {
			return DurationStyle.detectAndParse(written).equals(duration);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** {@code true} or {@code false} in any case; anything else is refused. */
	static boolean bool(OtelVariable variable) {
		String value = variable.value();
		if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
			return Boolean.parseBoolean(value);
		}
		String trimmed = value.trim().toLowerCase(Locale.ROOT);
		if (trimmed.equals("true") || trimmed.equals("false")) {
			throw new InvalidOtelVariableException(variable,
					"has spaces around '" + trimmed + "', which the OpenTelemetry SDK reads as false",
					"Remove the spaces");
		}
		throw new InvalidOtelVariableException(variable,
				"is not a boolean (the OpenTelemetry SDK reads anything but true as false)", "Set it to true or false");
	}

	/** The entries of a comma-separated list, trimmed, blank ones dropped. */
	static List<String> list(String value) {
		List<String> items = new ArrayList<>();
		for (String item : value.split(",")) {
			String trimmed = item.trim();
			if (!trimmed.isEmpty()) {
				items.add(trimmed);
			}
		}
		return items;
	}

	/**
	 * Parses {@code key=value,key=value}: keys and values trimmed, an entry with an empty value
	 * dropped, a later duplicate winning. An entry without a key is an error naming the variable.
	 */
	static Map<String, String> map(OtelVariable variable) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String entry : list(variable.value())) {
			int equals = entry.indexOf('=');
			if (equals <= 0) {
				boolean secret = variable.key().endsWith(".headers");
				throw new InvalidOtelVariableException(variable,
						"has the entry '" + (secret ? masked(entry) : entry) + "', which is not of the form key=value",
						"Write comma-separated key=value pairs, e.g. key1=value1,key2=value2;"
								+ " percent-encode ',' and '=' inside values (%2C, %3D)");
			}
			String value = entry.substring(equals + 1).trim();
			if (!value.isEmpty()) {
				map.put(entry.substring(0, equals).trim(), value);
			}
		}
		return map;
	}

	/** Masks the values of {@code key=value} entries: header values are credentials. */
	static String masked(String value) {
		return List.of(value.split(",", -1)).stream().map((entry) -> {
			int equals = entry.indexOf('=');
			return (equals < 0) ? "****" : entry.substring(0, equals) + "=****";
		}).collect(Collectors.joining(","));
	}

	/** Decodes a header value as the SDK does, with {@link URLDecoder} ('+' is a space). */
	static String decodeHeaderValue(OtelVariable variable, String name, String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOtelVariableException(variable,
					"has a value for header '" + name + "' that is not valid percent-encoding",
					"Percent-encode special characters in header values, e.g. a space as %20");
		}
	}

	/**
	 * Decodes a resource attribute value as the OpenTelemetry specification describes: {@code %XX}
	 * sequences are decoded as UTF-8, anything else (a '+', a lone '%') is kept as written.
	 */
	static String decodeResourceValue(String value) {
		if (value.indexOf('%') < 0) {
			return value;
		}
		StringBuilder decoded = new StringBuilder(value.length());
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%' && i + 2 < value.length() && Character.digit(value.charAt(i + 1), 16) >= 0
					&& Character.digit(value.charAt(i + 2), 16) >= 0) {
				pending.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
				i += 2;
				continue;
			}
			decoded.append(pending.toString(StandardCharsets.UTF_8));
			pending.reset();
			decoded.append(c);
		}
		return decoded.append(pending.toString(StandardCharsets.UTF_8)).toString();
	}

}
