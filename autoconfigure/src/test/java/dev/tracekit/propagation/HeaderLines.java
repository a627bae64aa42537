package dev.tracekit.propagation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * The header lines of an HTTP request, in order, names case-insensitive, read as HTTP servers read
 * them: {@code get} answers the first value of a name, {@code getAll} every value.
 */
final class HeaderLines {

	static final TextMapGetter<HeaderLines> getter = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(HeaderLines carrier) {
			return carrier.names();
		}

		@Override
		public @Nullable String get(@Nullable HeaderLines carrier, String key) {
			List<String> values = (carrier != null) ? carrier.values(key) : List.of();
			return values.isEmpty() ? null : values.get(0);
		}

		@Override
		public Iterator<String> getAll(@Nullable HeaderLines carrier, String key) {
			return ((carrier != null) ? carrier.values(key) : List.<String>of()).iterator();
		}

	};

	static final TextMapSetter<Map<String, String>> setter = (carrier, key, value) -> carrier.put(key, value);

	private final List<String[]> lines = new ArrayList<>();

	/**
	 * Header lines from name, value pairs.
	 * @param namesAndValues name, value, name, value, ...
	 * @return the lines
	 */
	static HeaderLines of(String... namesAndValues) {
		HeaderLines headers = new HeaderLines();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.lines.add(new String[] { namesAndValues[i], namesAndValues[i + 1] });
		}
		return headers;
	}

	List<String> values(String name) {
		List<String> values = new ArrayList<>();
		for (String[] line : this.lines) {
			if (line[0].equalsIgnoreCase(name)) {
				values.add(line[1]);
			}
		}
		return values;
	}

	private Iterable<String> names() {
		LinkedHashSet<String> names = new LinkedHashSet<>();
		this.lines.forEach((line) -> names.add(line[0].toLowerCase(Locale.ROOT)));
		return names;
	}

}
