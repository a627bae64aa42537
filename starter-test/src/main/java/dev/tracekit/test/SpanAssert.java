package dev.tracekit.test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions;
import io.opentelemetry.sdk.testing.assertj.SpanDataAssert;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one captured span, in the terms a trace is read in: its parent and children by
 * name, kind, status, attributes and events. For anything else,
 * {@link #satisfiesSdk(Consumer)} hands the span to the OpenTelemetry SDK's own assertions.
 */
public final class SpanAssert extends AbstractAssert<SpanAssert, SpanData> {

	private final List<SpanData> captured;

	SpanAssert(SpanData span, List<SpanData> captured) {
		super(span, SpanAssert.class);
		this.captured = captured;
	}

	/** The span asserted on. */
	public SpanData actual() {
		return this.actual;
	}

	/** Verifies the span's kind. */
	public SpanAssert hasKind(SpanKind kind) {
		if (this.actual.getKind() != kind) {
			failWithMessage("Expected span '%s' to be of kind %s, but it is %s", name(), kind, this.actual.getKind());
		}
		return this;
	}

	/** Verifies the span's status code. */
	public SpanAssert hasStatus(StatusCode status) {
		StatusCode actualStatus = this.actual.getStatus().getStatusCode();
		if (actualStatus != status) {
			String description = this.actual.getStatus().getDescription();
			failWithMessage("Expected span '%s' to have status %s, but it has %s%s", name(), status, actualStatus,
					description.isEmpty() ? "" : " (" + description + ")");
		}
		return this;
	}

	/** Verifies that the span's status is ERROR. */
	public SpanAssert isError() {
		return hasStatus(StatusCode.ERROR);
	}

	/**
	 * Verifies an attribute by its key's name. Numbers compare by value, whatever their type
	 * ({@code 3} matches a long attribute 3).
	 * @param key the attribute's key, such as {@code "order.id"}
	 * @param value the expected value
	 */
	public SpanAssert hasAttribute(String key, Object value) {
		Map<String, Object> attributes = attributes();
		if (!attributes.containsKey(key)) {
			failWithMessage("Expected span '%s' to have attribute %s = %s, but it has no %s; its attributes are %s",
					name(), key, value, key, attributes);
		}
		else if (!sameValue(attributes.get(key), value)) {
			failWithMessage("Expected span '%s' to have attribute %s = %s, but it is %s", name(), key, value,
					attributes.get(key));
		}
		return this;
	}

	/** Verifies an attribute by its typed key. */
	public <T> SpanAssert hasAttribute(AttributeKey<T> key, T value) {
		return hasAttribute(key.getKey(), value);
	}

	/** Verifies that the span has no attribute of this name. */
	public SpanAssert doesNotHaveAttribute(String key) {
		Map<String, Object> attributes = attributes();
		if (attributes.containsKey(key)) {
			failWithMessage("Expected span '%s' to have no attribute %s, but it is %s", name(), key, attributes.get(key));
		}
		return this;
	}

	/** Verifies that the span recorded an event of this name. */
	public SpanAssert hasEvent(String eventName) {
		List<String> events = this.actual.getEvents().stream().map(EventData::getName).toList();
		if (!events.contains(eventName)) {
			failWithMessage("Expected span '%s' to have an event '%s', but its events are %s", name(), eventName, events);
		}
		return this;
	}

	/** Verifies that the span recorded an exception of this type (an {@code exception} event). */
	public SpanAssert hasException(Class<? extends Throwable> type) {
		List<String> types = this.actual.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("exception"))
			.map((event) -> event.getAttributes().get(AttributeKey.stringKey("exception.type")))
			.filter(Objects::nonNull)
			.toList();
		if (!types.contains(type.getName())) {
			failWithMessage("Expected span '%s' to record an exception %s, but it recorded %s", name(), type.getName(),
					types.isEmpty() ? "none" : types);
		}
		return this;
	}

	/** Verifies that the span starts its trace here: it has no parent. */
	public SpanAssert isRoot() {
		if (this.actual.getParentSpanContext().isValid()) {
			failWithMessage("Expected span '%s' to be a root span, but its parent is %s", name(), parentDescription());
		}
		return this;
	}

	/** Verifies the span's parent by name. */
	public SpanAssert hasParent(String parentName) {
		SpanData parent = TraceAssertions.parentIn(this.actual, this.captured);
		if (parent == null || !parent.getName().equals(parentName)) {
			failWithMessage("Expected span '%s' to have parent '%s', but its parent is %s; %s", name(), parentName,
					parentDescription(), TraceAssertions.describe(this.captured));
		}
		return this;
	}

	/** Verifies the id of the span's parent, such as one from an incoming {@code traceparent}. */
	public SpanAssert hasParentSpanId(String parentSpanId) {
		if (!this.actual.getParentSpanId().equals(parentSpanId)) {
			failWithMessage("Expected span '%s' to have parent span id %s, but its parent is %s", name(), parentSpanId,
					parentDescription());
		}
		return this;
	}

	/** Verifies that the span's children are exactly these, by name, in any order. */
	public SpanAssert hasChildren(String... childNames) {
		List<String> expected = Arrays.stream(childNames).sorted().toList();
		List<String> children = children().stream().map(SpanData::getName).sorted().toList();
		if (!children.equals(expected)) {
			failWithMessage("Expected span '%s' to have the children %s, but its children are %s; %s", name(), expected,
					children, TraceAssertions.describe(this.captured));
		}
		return this;
	}

	/** Verifies that the span has no children. */
	public SpanAssert hasNoChildren() {
		return hasChildren();
	}

	/** Verifies that the span is in the same trace as the span of that name. */
	public SpanAssert isInTraceOf(String otherName) {
		List<SpanData> others = this.captured.stream().filter((span) -> span.getName().equals(otherName)).toList();
		if (others.stream().noneMatch((other) -> other.getTraceId().equals(this.actual.getTraceId()))) {
			failWithMessage("Expected span '%s' to be in the trace of '%s', but %s", name(), otherName,
					TraceAssertions.describe(this.captured));
		}
		return this;
	}

	/** Hands the span to the OpenTelemetry SDK's assertions, for what this class does not cover. */
	public SpanAssert satisfiesSdk(Consumer<SpanDataAssert> assertions) {
		assertions.accept(OpenTelemetryAssertions.assertThat(this.actual));
		return this;
	}

	/** Assertions on the span's parent. */
	public SpanAssert parent() {
		SpanData parent = TraceAssertions.parentIn(this.actual, this.captured);
		if (parent == null) {
			failWithMessage("Expected span '%s' to have a captured parent, but its parent is %s", name(),
					parentDescription());
		}
		return new SpanAssert(Objects.requireNonNull(parent), this.captured);
	}

	/** Assertions on the one child of this name. */
	public SpanAssert child(String childName) {
		List<SpanData> named = children().stream().filter((child) -> child.getName().equals(childName)).toList();
		if (named.size() != 1) {
			failWithMessage("Expected span '%s' to have one child named '%s', but it has %d; %s", name(), childName,
					named.size(), TraceAssertions.describe(this.captured));
		}
		return new SpanAssert(named.get(0), this.captured);
	}

	private List<SpanData> children() {
		return this.captured.stream().filter((span) -> span.getParentSpanId().equals(this.actual.getSpanId())
				&& span.getTraceId().equals(this.actual.getTraceId())).toList();
	}

	private String parentDescription() {
		if (!this.actual.getParentSpanContext().isValid()) {
			return "none (it is a root span)";
		}
		SpanData parent = TraceAssertions.parentIn(this.actual, this.captured);
		return (parent != null) ? "'" + parent.getName() + "'"
				: "span " + this.actual.getParentSpanId() + ", which was not captured";
	}

	private String name() {
		return this.actual.getName();
	}

	private Map<String, Object> attributes() {
		return this.actual.getAttributes()
			.asMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().getKey(), Map.Entry::getValue, (a, b) -> a,
					java.util.TreeMap::new));
	}

	private static boolean sameValue(@Nullable Object actual, Object expected) {
		if (actual instanceof Number number && expected instanceof Number other) {
			return (isIntegral(number) && isIntegral(other)) ? number.longValue() == other.longValue()
					: Double.compare(number.doubleValue(), other.doubleValue()) == 0;
		}
		return Objects.equals(actual, expected);
	}

	private static boolean isIntegral(Number number) {
		return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte;
	}

}
