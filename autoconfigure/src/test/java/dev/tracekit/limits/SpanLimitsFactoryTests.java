package dev.tracekit.limits;

import io.opentelemetry.sdk.trace.SpanLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Span limits fall back from the span-specific setting to the general one, as the specification says. */
class SpanLimitsFactoryTests {

	@Test
	void theDefaultsAreTheSdksDefaults() {
		assertThat(SpanLimitsFactory.create(new SpanLimitsProperties())).isEqualTo(SpanLimits.getDefault());
	}

	@Test
	void theGeneralLimitsReachEveryAttributeLimit() {
		SpanLimitsProperties properties = new SpanLimitsProperties();
		properties.setAttributeCount(10);
		properties.setAttributeValueLength(20);
		properties.setEventCount(30);
		properties.setLinkCount(40);
		SpanLimits limits = SpanLimitsFactory.create(properties);
		assertThat(limits.getMaxNumberOfAttributes()).isEqualTo(10);
		assertThat(limits.getMaxNumberOfAttributesPerEvent()).isEqualTo(10);
		assertThat(limits.getMaxNumberOfAttributesPerLink()).isEqualTo(10);
		assertThat(limits.getMaxAttributeValueLength()).isEqualTo(20);
		assertThat(limits.getMaxNumberOfEvents()).isEqualTo(30);
		assertThat(limits.getMaxNumberOfLinks()).isEqualTo(40);
	}

	@Test
	void spanSpecificLimitsWinOverTheGeneralOnes() {
		SpanLimitsProperties properties = new SpanLimitsProperties();
		properties.setAttributeCount(10);
		properties.setAttributeValueLength(20);
		properties.setSpanAttributeCount(11);
		properties.setSpanAttributeValueLength(21);
		properties.setAttributesPerEvent(12);
		properties.setAttributesPerLink(13);
		SpanLimits limits = SpanLimitsFactory.create(properties);
		assertThat(limits.getMaxNumberOfAttributes()).isEqualTo(11);
		assertThat(limits.getMaxAttributeValueLength()).isEqualTo(21);
		assertThat(limits.getMaxNumberOfAttributesPerEvent()).isEqualTo(12);
		assertThat(limits.getMaxNumberOfAttributesPerLink()).isEqualTo(13);
	}

}
