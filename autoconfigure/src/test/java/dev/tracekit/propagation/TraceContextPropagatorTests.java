package dev.tracekit.propagation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link TraceContextPropagator} against the rules of W3C Trace Context
 * (https://www.w3.org/TR/trace-context/), one by one.
 */
class TraceContextPropagatorTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	private final TraceContextPropagator propagator = TraceContextPropagator.getInstance();

	// traceparent

	@Test
	void aValidTraceparentBecomesTheRemoteParent() {
		SpanContext parent = extract("traceparent", TRACEPARENT);
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(parent.getSpanId()).isEqualTo(PARENT_ID);
		assertThat(parent.isSampled()).isTrue();
		assertThat(parent.isRemote()).isTrue();
		assertThat(parent.getTraceState().isEmpty()).isTrue();
	}

	@Test
	void theHeaderNameIsCaseInsensitive() {
		assertThat(extract("TrAcEpArEnT", TRACEPARENT).getTraceId()).isEqualTo(TRACE_ID);
	}

	@Test
	void everyFlagBitIsKept() {
		// 02 is level 2's random trace-id flag: the SDK reads it from the parent.
		SpanContext parent = extract("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-03");
		assertThat(parent.getTraceFlags().asByte()).isEqualTo((byte) 0x03);
		assertThat(extract("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-00").isSampled()).isFalse();
	}

	@Test
	void aTraceparentSentTwiceStartsANewTrace() {
		assertThat(extract("traceparent", TRACEPARENT, "traceparent", TRACEPARENT).isValid()).isFalse();
		assertThat(extract("traceparent", "00-12345678901234567890123456789011-1234567890123456-01", "traceparent",
				"00-12345678901234567890123456789012-1234567890123456-01")
			.isValid()).isFalse();
	}

	@Test
	void withoutATraceparentTheContextIsLeftAsItWas() {
		Context context = Context.root().with(Span.wrap(extract("traceparent", TRACEPARENT)));
		Context extracted = this.propagator.extract(context, HeaderLines.of("tracestate", "foo=1"),
				HeaderLines.getter);
		assertThat(extracted).isSameAs(context);
		assertThat(extract("trace-parent", TRACEPARENT).isValid()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { " " + TRACEPARENT, "\t" + TRACEPARENT, TRACEPARENT + " ", TRACEPARENT + "\t",
			"\t " + TRACEPARENT + " \t" })
	void optionalWhitespaceAroundTheTraceparentIsIgnored(String traceparent) {
		assertThat(extract("traceparent", traceparent).getTraceId()).isEqualTo(TRACE_ID);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// version: 2 lowercase hex digits, not ff, then a dash
			"ff-" + TRACE_ID + "-" + PARENT_ID + "-01", ".0-" + TRACE_ID + "-" + PARENT_ID + "-01",
			"0.-" + TRACE_ID + "-" + PARENT_ID + "-01", "0A-" + TRACE_ID + "-" + PARENT_ID + "-01",
			"000-" + TRACE_ID + "-" + PARENT_ID + "-01", "0-" + TRACE_ID + "-" + PARENT_ID + "-01",
			// version 00: nothing after the flags
			TRACEPARENT + ".", TRACEPARENT + "-what-the-future-will-be-like",
			// trace-id: 32 lowercase hex digits, not all zeros
			"00-00000000000000000000000000000000-" + PARENT_ID + "-01",
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-" + PARENT_ID + "-01",
			"00-.bf92f3577b34da6a3ce929d0e0e4736-" + PARENT_ID + "-01",
			"00-4bf92f3577b34da6a3ce929d0e0e473.-" + PARENT_ID + "-01",
			"00-4bf92f3577b34da6a3ce929d0e0e47360-" + PARENT_ID + "-01",
			"00-4bf92f3577b34da6a3ce929d0e0e473-" + PARENT_ID + "-01",
			// parent-id: 16 lowercase hex digits, not all zeros
			"00-" + TRACE_ID + "-0000000000000000-01", "00-" + TRACE_ID + "-00F067AA0BA902B7-01",
			"00-" + TRACE_ID + "-.0f067aa0ba902b7-01", "00-" + TRACE_ID + "-00f067aa0ba902b.-01",
			"00-" + TRACE_ID + "-00f067aa0ba902b70-01", "00-" + TRACE_ID + "-00f067aa0ba902b-01",
			// trace-flags: 2 lowercase hex digits
			"00-" + TRACE_ID + "-" + PARENT_ID + "-.0", "00-" + TRACE_ID + "-" + PARENT_ID + "-0.",
			"00-" + TRACE_ID + "-" + PARENT_ID + "-0A", "00-" + TRACE_ID + "-" + PARENT_ID + "-001",
			"00-" + TRACE_ID + "-" + PARENT_ID + "-1",
			// delimiters
			"00_" + TRACE_ID + "-" + PARENT_ID + "-01", "00-" + TRACE_ID + "_" + PARENT_ID + "-01",
			"00-" + TRACE_ID + "-" + PARENT_ID + "_01", "", "00" })
	void anInvalidTraceparentStartsANewTrace(String traceparent) {
		assertThat(extract("traceparent", traceparent).isValid()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "cc-" + TRACE_ID + "-" + PARENT_ID + "-01",
			"cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-will-be-like" })
	void aLaterVersionIsReadForTheFieldsOfVersion00(String traceparent) {
		SpanContext parent = extract("traceparent", traceparent);
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(parent.getSpanId()).isEqualTo(PARENT_ID);
	}

	@Test
	void aLaterVersionMustFollowItsFlagsWithADash() {
		assertThat(extract("traceparent", "cc-" + TRACE_ID + "-" + PARENT_ID + "-01.what-the-future-will-be-like")
			.isValid()).isFalse();
	}

	// tracestate

	@Test
	void theTracestateIsReadWithTheTraceparent() {
		TraceState state = traceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
		assertThat(state.asMap()).containsExactly(entry("rojo", "00f067aa0ba902b7"), entry("congo", "t61rcWkgMzE"));
	}

	@Test
	void aTracestateWithoutAValidTraceparentIsNotRead() {
		assertThat(extract("tracestate", "foo=1").isValid()).isFalse();
		assertThat(extract("traceparent", "ff-" + TRACE_ID + "-" + PARENT_ID + "-01", "tracestate", "foo=1").isValid())
			.isFalse();
	}

	@Test
	void repeatedTracestateHeadersAreCombinedInOrder() {
		TraceState state = traceState("foo=1,bar=2", "rojo=1,congo=2", "baz=3");
		assertThat(state.asMap()).containsExactly(entry("foo", "1"), entry("bar", "2"), entry("rojo", "1"),
				entry("congo", "2"), entry("baz", "3"));
	}

	@Test
	void emptyHeadersAndEmptyMembersAreSkipped() {
		assertThat(traceState("").isEmpty()).isTrue();
		assertThat(traceState("", "foo=1", " , ,\t,", "bar=2,").asMap()).containsExactly(entry("foo", "1"),
				entry("bar", "2"));
	}

	@Test
	void optionalWhitespaceAroundMembersIsIgnoredAndLeadingSpacesOfAValueAreKept() {
		assertThat(traceState("foo=1 \t , \t bar=2, \t baz=3").asMap()).containsExactly(entry("foo", "1"),
				entry("bar", "2"), entry("baz", "3"));
		assertThat(traceState("\t foo= 1 \t").get("foo")).isEqualTo(" 1");
	}

	@Test
	void theHeaderNameOfTracestateIsCaseInsensitive() {
		SpanContext parent = extract("traceparent", TRACEPARENT, "TRACESTATE", "foo=1");
		assertThat(parent.getTraceState().get("foo")).isEqualTo("1");
		assertThat(extract("traceparent", TRACEPARENT, "trace-state", "foo=1").getTraceState().isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "foo", "0foo", "foo@", "foo@bar", "foo@@bar", "foo@bar@baz", "t@vvvvvvvvvvvvvvv",
			"abcdefghijklmnopqrstuvwxyz0123456789_-*/", "abcdefghijklmnopqrstuvwxyz0123456789_-*/@a-z0-9_-*/" })
	void keysFollowTheCurrentGrammar(String key) {
		assertThat(traceState(key + "=1,bar=2").asMap()).containsExactly(entry(key, "1"), entry("bar", "2"));
	}

	@Test
	void aKeyHasAtMost256Characters() {
		String longest = "z".repeat(256);
		assertThat(traceState("foo=1", longest + "=1").asMap()).containsExactly(entry("foo", "1"), entry(longest, "1"));
		assertThat(traceState("foo=1", "z".repeat(257) + "=1").isEmpty()).isTrue();
		String tenant = "t".repeat(242) + "@v";
		assertThat(traceState(tenant + "=1").get(tenant)).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "@foo=1,bar=2", "FOO=1,bar=2", "foo.bar=1,bar=2", "foo =1,bar=2", "_foo=1,bar=2",
			"=1,bar=2", "foo,bar=2", "f\u00f6o=1,bar=2" })
	void aKeyOutsideTheGrammarDiscardsTheWholeTracestate(String tracestate) {
		assertThat(traceState(tracestate).isEmpty()).isTrue();
	}

	@Test
	void valuesMayHoldEveryPrintableCharacterButCommaAndEquals() {
		StringBuilder value = new StringBuilder();
		for (char c = 0x20; c <= 0x7e; c++) {
			if (c != ',' && c != '=') {
				value.append(c);
			}
		}
		assertThat(traceState("foo=" + value).get("foo")).isEqualTo(value.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "foo=bar=baz", "foo=,bar=3", "foo=a\tb", "foo=caf\u00e9", "foo=\u007f" })
	void aValueOutsideTheGrammarDiscardsTheWholeTracestate(String tracestate) {
		assertThat(traceState(tracestate).isEmpty()).isTrue();
	}

	@Test
	void aValueHasAtMost256Characters() {
		assertThat(traceState("foo=" + "v".repeat(256)).get("foo")).hasSize(256);
		assertThat(traceState("foo=" + "v".repeat(257)).isEmpty()).isTrue();
	}

	@Test
	void aTracestateHasAtMost32Members() {
		StringBuilder members = new StringBuilder();
		for (int i = 1; i <= 32; i++) {
			members.append((i > 1) ? "," : "").append("bar").append(i).append('=').append(i);
		}
		assertThat(traceState(members.toString()).size()).isEqualTo(32);
		assertThat(traceState(members.toString(), "bar33=33").isEmpty()).isTrue();
	}

	@Test
	void ofARepeatedKeyTheLeftmostMemberIsKept() {
		assertThat(traceState("foo=1,foo=2").asMap()).containsExactly(entry("foo", "1"));
		assertThat(traceState("foo=1", "bar=2,foo=3").asMap()).containsExactly(entry("foo", "1"), entry("bar", "2"));
	}

	// writing

	@Test
	void theTraceContextReadIsWrittenBackWithEveryMember() {
		Context extracted = this.propagator.extract(Context.root(),
				HeaderLines.of("traceparent", TRACEPARENT, "tracestate", "foo@@bar=1", "tracestate", " t@vvvvvvvvvvvvvvv=2 "),
				HeaderLines.getter);
		Map<String, String> written = new LinkedHashMap<>();
		this.propagator.inject(extracted, written, HeaderLines.setter);
		assertThat(written).containsExactly(entry("traceparent", TRACEPARENT),
				entry("tracestate", "foo@@bar=1,t@vvvvvvvvvvvvvvv=2"));
		assertThat(this.propagator.fields()).containsExactly("traceparent", "tracestate");
	}

	@Test
	void aChildSpanOfTheSdkCarriesTheTracestateOn() {
		Context extracted = this.propagator.extract(Context.root(),
				HeaderLines.of("traceparent", TRACEPARENT, "tracestate", "foo@@bar=1,rojo=2"), HeaderLines.getter);
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build()) {
			Span child = tracerProvider.get("test").spanBuilder("child").setParent(extracted).startSpan();
			Map<String, String> written = new LinkedHashMap<>();
			this.propagator.inject(Context.root().with(child), written, HeaderLines.setter);
			child.end();
			assertThat(written.get("traceparent")).startsWith("00-" + TRACE_ID + "-").doesNotContain(PARENT_ID);
			assertThat(written.get("tracestate")).isEqualTo("foo@@bar=1,rojo=2");
		}
	}

	private SpanContext extract(String... namesAndValues) {
		Context context = this.propagator.extract(Context.root(), HeaderLines.of(namesAndValues), HeaderLines.getter);
		return Span.fromContext(context).getSpanContext();
	}

	private TraceState traceState(String... tracestateHeaders) {
		String[] namesAndValues = new String[2 + tracestateHeaders.length * 2];
		namesAndValues[0] = "traceparent";
		namesAndValues[1] = TRACEPARENT;
		for (int i = 0; i < tracestateHeaders.length; i++) {
			namesAndValues[2 + i * 2] = "tracestate";
			namesAndValues[3 + i * 2] = tracestateHeaders[i];
		}
		SpanContext parent = extract(namesAndValues);
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		return parent.getTraceState();
	}

}
