package dev.tracekit.propagation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import dev.tracekit.config.ConfigurationWarning;
import org.jspecify.annotations.Nullable;

/**
 * The rules of {@code tracekit.propagators}, read as the SDK reads {@code OTEL_PROPAGATORS}: empty
 * entries are ignored, duplicates removed, and a list left empty means the default.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class PropagatorList {

	/** W3C Trace Context and Baggage, the SDK's default. */
	public static final List<PropagatorType> DEFAULT = List.of(PropagatorType.TRACECONTEXT, PropagatorType.BAGGAGE);

	private PropagatorList() {
	}

	/**
	 * @param types the list as bound; a trailing or doubled comma binds as a null entry
	 * @return the propagators in force, in their first order
	 */
	public static List<PropagatorType> normalize(List<@Nullable PropagatorType> types) {
		LinkedHashSet<PropagatorType> distinct = new LinkedHashSet<>();
		types.stream().filter(Objects::nonNull).forEach(distinct::add);
		return distinct.isEmpty() ? new ArrayList<>(DEFAULT) : new ArrayList<>(distinct);
	}

	/** What is wrong with the list, or null. */
	public static @Nullable String problem(List<PropagatorType> types) {
		if (types.contains(PropagatorType.NONE) && types.size() > 1) {
			return "'none' cannot be combined with other propagators; use 'none' alone or remove it";
		}
		return null;
	}

	public static List<ConfigurationWarning> warnings(List<PropagatorType> types, String property) {
		if (types.contains(PropagatorType.TRACECONTEXT) && !types.contains(PropagatorType.BAGGAGE)) {
			return List.of(new ConfigurationWarning("no-baggage", property + " has tracecontext but not baggage:"
					+ " baggage set here will not reach other services, nor theirs this one. Add baggage to the list"
					+ " unless that is what you want."));
		}
		return List.of();
	}

}
