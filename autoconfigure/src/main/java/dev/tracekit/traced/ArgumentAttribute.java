package dev.tracekit.traced;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * Records one method argument as a span attribute, typed by the argument's runtime value: strings,
 * integral numbers, floating-point numbers and booleans, or arrays and collections of one of them,
 * keep their type; anything else is recorded with {@code toString()}.
 */
final class ArgumentAttribute {

	private final int index;

	private final String name;

	// Built once per parameter, so a call allocates no keys.
	private final AttributeKey<String> stringKey;

	private final AttributeKey<Long> longKey;

	private final AttributeKey<Double> doubleKey;

	private final AttributeKey<Boolean> booleanKey;

	private final AttributeKey<List<String>> stringArrayKey;

	private final AttributeKey<List<Long>> longArrayKey;

	private final AttributeKey<List<Double>> doubleArrayKey;

	private final AttributeKey<List<Boolean>> booleanArrayKey;

	ArgumentAttribute(int index, String name) {
		this.index = index;
		this.name = name;
		this.stringKey = AttributeKey.stringKey(name);
		this.longKey = AttributeKey.longKey(name);
		this.doubleKey = AttributeKey.doubleKey(name);
		this.booleanKey = AttributeKey.booleanKey(name);
		this.stringArrayKey = AttributeKey.stringArrayKey(name);
		this.longArrayKey = AttributeKey.longArrayKey(name);
		this.doubleArrayKey = AttributeKey.doubleArrayKey(name);
		this.booleanArrayKey = AttributeKey.booleanArrayKey(name);
	}

	int index() {
		return this.index;
	}

	String name() {
		return this.name;
	}

	/**
	 * Records the value, or nothing when it is {@code null}.
	 * @throws RuntimeException whatever the value's {@code toString()} throws; nothing is recorded then
	 */
	void record(Span span, @Nullable Object value) {
		if (value == null) {
			return;
		}
		if (value instanceof String string) {
			span.setAttribute(this.stringKey, string);
		}
		else if (isIntegral(value)) {
			span.setAttribute(this.longKey, ((Number) value).longValue());
		}
		else if (isFloatingPoint(value)) {
			span.setAttribute(this.doubleKey, ((Number) value).doubleValue());
		}
		else if (value instanceof Boolean bool) {
			span.setAttribute(this.booleanKey, bool);
		}
		else if (value instanceof Collection<?> collection) {
			recordElements(span, collection);
		}
		else if (value.getClass().isArray()) {
			recordArray(span, value);
		}
		else {
			span.setAttribute(this.stringKey, value.toString());
		}
	}

	private void recordArray(Span span, Object array) {
		if (array instanceof Object[] objects) {
			recordElements(span, Arrays.asList(objects));
		}
		else if (array instanceof long[] longs) {
			span.setAttribute(this.longArrayKey, Arrays.stream(longs).boxed().toList());
		}
		else if (array instanceof int[] ints) {
			span.setAttribute(this.longArrayKey, Arrays.stream(ints).mapToObj(Long::valueOf).toList());
		}
		else if (array instanceof double[] doubles) {
			span.setAttribute(this.doubleArrayKey, Arrays.stream(doubles).boxed().toList());
		}
		else if (array instanceof boolean[] booleans) {
			List<Boolean> list = new ArrayList<>(booleans.length);
			for (boolean bool : booleans) {
				list.add(bool);
			}
			span.setAttribute(this.booleanArrayKey, list);
		}
		else if (array instanceof char[] chars) {
			span.setAttribute(this.stringKey, new String(chars));
		}
		else {
			// short[], byte[] and float[]: widen element by element.
			int length = Array.getLength(array);
			List<Object> list = new ArrayList<>(length);
			for (int i = 0; i < length; i++) {
				list.add(Array.get(array, i));
			}
			recordElements(span, list);
		}
	}

	// A collection keeps a typed array only when every element has the same kind; mixed or null
	// elements fall back to their string forms so nothing is lost.
	private void recordElements(Span span, Collection<?> elements) {
		ElementKind kind = null;
		for (Object element : elements) {
			ElementKind elementKind = ElementKind.of(element);
			if (kind == null) {
				kind = elementKind;
			}
			else if (kind != elementKind) {
				kind = ElementKind.OTHER;
				break;
			}
		}
		if (kind == null) {
			span.setAttribute(this.stringArrayKey, List.of());
			return;
		}
		switch (kind) {
			case STRING, OTHER -> span.setAttribute(this.stringArrayKey,
					elements.stream().map(String::valueOf).toList());
			case INTEGRAL -> span.setAttribute(this.longArrayKey,
					elements.stream().map((element) -> ((Number) element).longValue()).toList());
			case FLOATING_POINT -> span.setAttribute(this.doubleArrayKey,
					elements.stream().map((element) -> ((Number) element).doubleValue()).toList());
			case BOOLEAN -> span.setAttribute(this.booleanArrayKey,
					elements.stream().map(Boolean.class::cast).toList());
		}
	}

	private static boolean isIntegral(Object value) {
		return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
	}

	private static boolean isFloatingPoint(Object value) {
		return value instanceof Double || value instanceof Float;
	}

	private enum ElementKind {

		STRING, INTEGRAL, FLOATING_POINT, BOOLEAN, OTHER;

		static ElementKind of(@Nullable Object element) {
			if (element instanceof String) {
				return STRING;
			}
			if (element != null && isIntegral(element)) {
				return INTEGRAL;
			}
			if (element != null && isFloatingPoint(element)) {
				return FLOATING_POINT;
			}
			if (element instanceof Boolean) {
				return BOOLEAN;
			}
			return OTHER;
		}

	}

}
