package dev.tracekit.limits;

import io.opentelemetry.sdk.trace.SpanLimits;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link SpanLimits} from {@code tracekit.limits.*}: each span-specific limit falls back
 * to the general attribute limit of its kind, as the OpenTelemetry specification describes.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class SpanLimitsFactory {

	private SpanLimitsFactory() {
	}

	public static SpanLimits create(SpanLimitsProperties limits) {
		int attributeCount = limits.getAttributeCount();
		Integer valueLength = or(limits.getSpanAttributeValueLength(), limits.getAttributeValueLength());
		var builder = SpanLimits.builder()
			.setMaxNumberOfAttributes(orCount(limits.getSpanAttributeCount(), attributeCount))
			.setMaxNumberOfEvents(limits.getEventCount())
			.setMaxNumberOfLinks(limits.getLinkCount())
			.setMaxNumberOfAttributesPerEvent(orCount(limits.getAttributesPerEvent(), attributeCount))
			.setMaxNumberOfAttributesPerLink(orCount(limits.getAttributesPerLink(), attributeCount));
		if (valueLength != null) {
			builder.setMaxAttributeValueLength(valueLength);
		}
		return builder.build();
	}

	private static int orCount(@Nullable Integer specific, int general) {
		return (specific != null) ? specific : general;
	}

	private static @Nullable Integer or(@Nullable Integer specific, @Nullable Integer general) {
		return (specific != null) ? specific : general;
	}

}
