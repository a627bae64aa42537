package dev.tracekit.export;

import org.jspecify.annotations.Nullable;

/**
 * What HTTP/1.1, HTTP/2 and gRPC metadata all allow in a header (RFC 9110): a name made of token
 * characters, a value of visible ASCII characters, spaces and tabs. Anything else makes every export
 * fail at the sender, which may quote the value in its error; so it is refused at startup, and the
 * message never repeats the value.
 */
final class HttpHeaderRules {

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private HttpHeaderRules() {
	}

	/** What is wrong with the header, or null when HTTP allows it. */
	static @Nullable String check(String name, String value) {
		if (name.isEmpty() || !name.chars().allMatch(HttpHeaderRules::isTokenChar)) {
			return "has the header name '" + printable(name) + "', which HTTP does not allow: a header name is"
					+ " letters, digits and " + TOKEN_SYMBOLS + " only (no spaces, no colons)";
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(c == '\t' || (c >= ' ' && c < 0x7f))) {
				String what = (c < ' ' || c == 0x7f) ? "a control character (such as a trailing newline from a secret"
						+ " file)" : "a character outside printable ASCII";
				return "has a value for header '" + name + "' that holds " + what + " at position " + (i + 1)
						+ ", which HTTP does not allow; remove it or percent-encode the value as your collector"
						+ " expects";
			}
		}
		return null;
	}

	private static boolean isTokenChar(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
				|| TOKEN_SYMBOLS.indexOf(c) >= 0;
	}

	// A header name is not a secret, but a control character in it would break the log line.
	private static String printable(String name) {
		StringBuilder shown = new StringBuilder();
		name.chars().forEach((c) -> shown.append((c < ' ' || c == 0x7f) ? String.format("\\u%04x", c) : (char) c));
		return shown.toString();
	}

}
