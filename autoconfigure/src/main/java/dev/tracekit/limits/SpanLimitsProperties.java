package dev.tracekit.limits;

import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Caps on what one span holds: {@code tracekit.limits.*}. The general attribute limits apply
 * wherever a span-specific one is unset. An unset value length means unlimited.
 */
public class SpanLimitsProperties implements ValidatedProperties {

	/** Maximum attributes per span, event or link unless a specific limit is set. */
	private int attributeCount = 128;

	/** Maximum length of a string attribute value; longer values are truncated. Unlimited when unset. */
	private @Nullable Integer attributeValueLength;

	/** Maximum attributes per span. Defaults to attribute-count. */
	private @Nullable Integer spanAttributeCount;

	/** Maximum length of a span's string attribute value. Defaults to attribute-value-length. */
	private @Nullable Integer spanAttributeValueLength;

	/** Maximum events per span. */
	private int eventCount = 128;

	/** Maximum links per span. */
	private int linkCount = 128;

	/** Maximum attributes per span event. Defaults to attribute-count. */
	private @Nullable Integer attributesPerEvent;

	/** Maximum attributes per span link. Defaults to attribute-count. */
	private @Nullable Integer attributesPerLink;

	public int getAttributeCount() {
		return this.attributeCount;
	}

	public void setAttributeCount(int attributeCount) {
		this.attributeCount = attributeCount;
	}

	public @Nullable Integer getAttributeValueLength() {
		return this.attributeValueLength;
	}

	public void setAttributeValueLength(@Nullable Integer attributeValueLength) {
		this.attributeValueLength = attributeValueLength;
	}

	public @Nullable Integer getSpanAttributeCount() {
		return this.spanAttributeCount;
	}

	public void setSpanAttributeCount(@Nullable Integer spanAttributeCount) {
		this.spanAttributeCount = spanAttributeCount;
	}

	public @Nullable Integer getSpanAttributeValueLength() {
		return this.spanAttributeValueLength;
	}

	public void setSpanAttributeValueLength(@Nullable Integer spanAttributeValueLength) {
		this.spanAttributeValueLength = spanAttributeValueLength;
	}

	public int getEventCount() {
		return this.eventCount;
	}

	public void setEventCount(int eventCount) {
		this.eventCount = eventCount;
	}

	public int getLinkCount() {
		return this.linkCount;
	}

	public void setLinkCount(int linkCount) {
		this.linkCount = linkCount;
	}

	public @Nullable Integer getAttributesPerEvent() {
		return this.attributesPerEvent;
	}

	public void setAttributesPerEvent(@Nullable Integer attributesPerEvent) {
		this.attributesPerEvent = attributesPerEvent;
	}

	public @Nullable Integer getAttributesPerLink() {
		return this.attributesPerLink;
	}

	public void setAttributesPerLink(@Nullable Integer attributesPerLink) {
		this.attributesPerLink = attributesPerLink;
	}

	@Override
	public void validate(Errors errors) {
		ValueRules.notNegative(errors, "attributeCount", this.attributeCount);
		ValueRules.notNegative(errors, "attributeValueLength", this.attributeValueLength);
		ValueRules.notNegative(errors, "spanAttributeCount", this.spanAttributeCount);
		ValueRules.notNegative(errors, "spanAttributeValueLength", this.spanAttributeValueLength);
		ValueRules.notNegative(errors, "eventCount", this.eventCount);
		ValueRules.notNegative(errors, "linkCount", this.linkCount);
		ValueRules.notNegative(errors, "attributesPerEvent", this.attributesPerEvent);
		ValueRules.notNegative(errors, "attributesPerLink", this.attributesPerLink);
	}

}
