package dev.tracekit.diagnostics;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.ResolvableType;

/**
 * Every property name a settings class binds, as patterns in which {@code *} stands for a map key
 * the user chooses (an exporter's name) and a trailing {@code **} for a free-form key (a header or
 * resource attribute name). Read from the classes themselves, so it cannot drift from them.
 */
final class PropertyNamePatterns {

	private final List<String> patterns;

	private PropertyNamePatterns(List<String> patterns) {
		this.patterns = List.copyOf(patterns);
	}

	static PropertyNamePatterns of(String prefix, Class<?> type) {
		List<String> patterns = new ArrayList<>();
		collect(prefix, type, patterns, 0);
		return new PropertyNamePatterns(patterns);
	}

	List<String> patterns() {
		return this.patterns;
	}

	private static void collect(String prefix, Class<?> type, List<String> patterns, int depth) {
		if (depth > 8) {
			return;
		}
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(descriptor.getName());
			ResolvableType propertyType = ResolvableType.forMethodReturnType(descriptor.getReadMethod());
			Class<?> resolved = propertyType.resolve(Object.class);
			if (Map.class.isAssignableFrom(resolved)) {
				Class<?> valueType = propertyType.asMap().resolveGeneric(1);
				if (valueType != null && isSettingsGroup(valueType)) {
					collect(name + ".*", valueType, patterns, depth + 1);
				}
				else {
					patterns.add(name + ".**");
				}
			}
			else if (isSettingsGroup(resolved)) {
				collect(name, resolved, patterns, depth + 1);
			}
			else if (descriptor.getWriteMethod() != null || Collection.class.isAssignableFrom(resolved)) {
				patterns.add(name);
			}
		}
	}

	private static boolean isSettingsGroup(Class<?> type) {
		return type.getName().startsWith("dev.tracekit.") && !type.isEnum() && !type.isInterface();
	}

	/**
	 * The valid name nearest to one that is not, written in the shape of the one given (the
	 * exporter name as the user wrote it), or null when none is near enough to be a likely typo.
	 */
	@Nullable String nearest(String unknown) {
		String[] elements = unknown.split("\\.");
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String pattern : this.patterns) {
			String candidate = instantiate(pattern, elements);
			if (candidate == null) {
				continue;
			}
			int distance = distance(unknown, candidate);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (best != null && bestDistance <= Math.max(3, unknown.length() / 4)) ? best : null;
	}

	// Fills the user's own map keys into the pattern, so the suggestion reads like what was written.
	private static @Nullable String instantiate(String pattern, String[] elements) {
		String[] parts = pattern.split("\\.");
		StringBuilder candidate = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part.equals("**")) {
				part = (i < elements.length) ? String.join(".", List.of(elements).subList(i, elements.length)) : "<key>";
			}
			else if (part.equals("*")) {
				part = (i < elements.length) ? elements[i] : "<name>";
			}
			candidate.append((i > 0) ? "." : "").append(part);
		}
		return candidate.toString();
	}

	/** Levenshtein distance: edits that turn one name into the other. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
