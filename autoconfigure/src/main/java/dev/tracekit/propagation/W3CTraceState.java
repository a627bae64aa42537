package dev.tracekit.propagation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A {@code tracestate} list by the specification's current grammar: keys of 1 to 256 characters,
 * starting with a lowercase letter or a digit, then lowercase letters, digits and {@code _ - * / @};
 * values of 1 to 256 printable ASCII characters but {@code ,} and {@code =}, not ending in a space;
 * at most 32 members. OpenTelemetry's own {@link TraceState} (1.55 to 1.62) holds keys to the older
 * tenant{@code @}system grammar and drops the others ({@code foo@@bar}, a tenant of 242 characters),
 * which the specification now lets through, hence this one. Immutable; the leftmost member is the
 * newest.
 */
final class W3CTraceState implements TraceState {

	private static final int MAX_MEMBERS = 32;

	private static final int MAX_KEY_LENGTH = 256;

	private static final int MAX_VALUE_LENGTH = 256;

	// key, value, key, value, ...: at most 32 members, so a scan beats a map.
	private final List<String> entries;

	private W3CTraceState(List<String> entries) {
		this.entries = entries;
	}

	/**
	 * Reads the {@code tracestate} headers of a request. They are combined in order, as HTTP
	 * combines a repeated list header; empty members are skipped. The whole list is discarded when a
	 * member breaks the grammar or there are more than 32 members. Of a key repeated, the leftmost
	 * member is kept: the specification lets a vendor drop duplicates.
	 * @param headers every {@code tracestate} value, in the order received
	 * @return the trace state, empty when there is none or it is invalid
	 */
	static TraceState parse(@Nullable Iterator<String> headers) {
		List<String> entries = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		int members = 0;
		while (headers != null && headers.hasNext()) {
			String header = headers.next();
			for (int start = 0; header != null && start <= header.length();) {
				int end = header.indexOf(',', start);
				end = (end != -1) ? end : header.length();
				String member = trimOptionalWhitespace(header.substring(start, end));
				start = end + 1;
				if (member.isEmpty()) {
					continue;
				}
				int equals = member.indexOf('=');
				if (++members > MAX_MEMBERS || equals == -1) {
					return TraceState.getDefault();
				}
				String key = member.substring(0, equals);
				String value = member.substring(equals + 1);
				if (!isValidKey(key) || !isValidValue(value)) {
					return TraceState.getDefault();
				}
				if (keys.add(key)) {
					entries.add(key);
					entries.add(value);
				}
			}
		}
		return of(entries);
	}

	private static TraceState of(List<String> entries) {
		return entries.isEmpty() ? TraceState.getDefault() : new W3CTraceState(List.copyOf(entries));
	}

	private static boolean isValidKey(String key) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !isLowercaseLetterOrDigit(key.charAt(0))) {
			return false;
		}
		for (int i = 1; i < key.length(); i++) {
			char c = key.charAt(i);
			if (!isLowercaseLetterOrDigit(c) && c != '_' && c != '-' && c != '*' && c != '/' && c != '@') {
				return false;
			}
		}
		return true;
	}

	private static boolean isValidValue(String value) {
		if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH || value.charAt(value.length() - 1) == ' ') {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < ' ' || c > '~' || c == ',' || c == '=') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLowercaseLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

	// OWS of RFC 9110: spaces and horizontal tabs.
	static String trimOptionalWhitespace(@Nullable String value) {
		if (value == null) {
			return "";
		}
		int start = 0;
		int end = value.length();
		while (start < end && isOptionalWhitespace(value.charAt(start))) {
			start++;
		}
		while (end > start && isOptionalWhitespace(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(start, end);
	}

	private static boolean isOptionalWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

	@Override
	public @Nullable String get(String key) {
		for (int i = 0; i < this.entries.size(); i += 2) {
			if (this.entries.get(i).equals(key)) {
				return this.entries.get(i + 1);
			}
		}
		return null;
	}

	@Override
	public int size() {
		return this.entries.size() / 2;
	}

	@Override
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public void forEach(BiConsumer<String, String> consumer) {
		for (int i = 0; i < this.entries.size(); i += 2) {
			consumer.accept(this.entries.get(i), this.entries.get(i + 1));
		}
	}

	@Override
	public Map<String, String> asMap() {
		Map<String, String> map = new LinkedHashMap<>();
		forEach(map::put);
		return Collections.unmodifiableMap(map);
	}

	@Override
	public TraceStateBuilder toBuilder() {
		return new Builder(this.entries);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof W3CTraceState state) && this.entries.equals(state.entries);
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	@Override
	public String toString() {
		return "W3CTraceState" + asMap();
	}

	/**
	 * Changes by the specification's mutation rules: a member put moves to the left; a put beyond
	 * 32 members drops the rightmost; a key or value outside the grammar is ignored, as
	 * OpenTelemetry's builder ignores it.
	 */
	private static final class Builder implements TraceStateBuilder {

		private final List<String> entries;

		Builder(List<String> entries) {
			this.entries = new ArrayList<>(entries);
		}

		@Override
		public TraceStateBuilder put(@Nullable String key, @Nullable String value) {
			if (key == null || value == null || !isValidKey(key) || !isValidValue(value)) {
				return this;
			}
			remove(key);
			this.entries.add(0, value);
			this.entries.add(0, key);
			if (this.entries.size() > MAX_MEMBERS * 2) {
				this.entries.subList(MAX_MEMBERS * 2, this.entries.size()).clear();
			}
			return this;
		}

		@Override
		public TraceStateBuilder remove(String key) {
			for (int i = 0; i < this.entries.size(); i += 2) {
				if (this.entries.get(i).equals(key)) {
					this.entries.subList(i, i + 2).clear();
					return this;
				}
			}
			return this;
		}

		@Override
		public TraceState build() {
			return of(this.entries);
		}

	}

}
