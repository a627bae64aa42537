package dev.tracekit.propagation;

import java.util.List;

import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link W3CTraceState}: what a sampler or a user changing the trace state gets, by the
 * specification's rules for mutating {@code tracestate}.
 */
class W3CTraceStateTests {

	private final TraceState state = W3CTraceState.parse(List.of("rojo=1,congo=2,foo@@bar=3").iterator());

	@Test
	void itReadsLikeAnyTraceState() {
		assertThat(this.state.size()).isEqualTo(3);
		assertThat(this.state.get("congo")).isEqualTo("2");
		assertThat(this.state.get("missing")).isNull();
		assertThat(this.state.asMap()).containsExactly(entry("rojo", "1"), entry("congo", "2"), entry("foo@@bar", "3"));
		StringBuilder visited = new StringBuilder();
		this.state.forEach((key, value) -> visited.append(key).append('=').append(value).append(';'));
		assertThat(visited).hasToString("rojo=1;congo=2;foo@@bar=3;");
	}

	@Test
	void aNewMemberIsAddedOnTheLeft() {
		assertThat(this.state.toBuilder().put("new", "0").build().asMap()).containsExactly(entry("new", "0"),
				entry("rojo", "1"), entry("congo", "2"), entry("foo@@bar", "3"));
	}

	@Test
	void anUpdatedMemberMovesToTheLeft() {
		assertThat(this.state.toBuilder().put("congo", "9").build().asMap()).containsExactly(entry("congo", "9"),
				entry("rojo", "1"), entry("foo@@bar", "3"));
	}

	@Test
	void aMemberBeyond32DropsTheRightmost() {
		StringBuilder members = new StringBuilder();
		for (int i = 1; i <= 32; i++) {
			members.append((i > 1) ? "," : "").append("bar").append(i).append('=').append(i);
		}
		TraceState full = W3CTraceState.parse(List.of(members.toString()).iterator());
		TraceState added = full.toBuilder().put("new", "0").build();
		assertThat(added.size()).isEqualTo(32);
		assertThat(added.get("new")).isEqualTo("0");
		assertThat(added.get("bar1")).isEqualTo("1");
		assertThat(added.get("bar32")).isNull();
	}

	@Test
	void aKeyOrValueOutsideTheGrammarIsIgnored() {
		TraceState unchanged = this.state.toBuilder()
			.put("@foo", "1")
			.put("FOO", "1")
			.put("foo", "a=b")
			.put("foo", "")
			.put("foo", "trailing ")
			.put(null, "1")
			.put("foo", null)
			.build();
		assertThat(unchanged).isEqualTo(this.state);
	}

	@Test
	void aMemberCanBeRemoved() {
		assertThat(this.state.toBuilder().remove("congo").remove("missing").build().asMap())
			.containsExactly(entry("rojo", "1"), entry("foo@@bar", "3"));
	}

	@Test
	void removingEveryMemberGivesTheEmptyTraceState() {
		TraceState empty = this.state.toBuilder().remove("rojo").remove("congo").remove("foo@@bar").build();
		assertThat(empty).isSameAs(TraceState.getDefault());
		assertThat(W3CTraceState.parse(null)).isSameAs(TraceState.getDefault());
	}

	@Test
	void equalStatesHaveTheSameMembersInTheSameOrder() {
		TraceState same = W3CTraceState.parse(List.of("rojo=1", "congo=2,foo@@bar=3").iterator());
		TraceState reordered = W3CTraceState.parse(List.of("congo=2,rojo=1,foo@@bar=3").iterator());
		assertThat(same).isEqualTo(this.state).hasSameHashCodeAs(this.state);
		assertThat(reordered).isNotEqualTo(this.state);
		assertThat(this.state).hasToString("W3CTraceState{rojo=1, congo=2, foo@@bar=3}");
	}

}
