package dev.tracekit.propagation;

import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * W3C Trace Context ({@code traceparent} and {@code tracestate}), read by every rule of the
 * specification (https://www.w3.org/TR/trace-context/). OpenTelemetry's
 * {@link W3CTraceContextPropagator} writes the headers; it is not used to read them because it
 * sees only the first value of a repeated header and holds {@code tracestate} keys to an older key
 * grammar. Reading here:
 * <ul>
 * <li>every value of a header comes through {@link TextMapGetter#getAll} (OpenTelemetry 1.50+;
 * Spring's server observations supply every value from Spring Framework 7.0.2);</li>
 * <li>a {@code traceparent} sent twice is invalid (the two combined are no {@code traceparent}),
 * so the request starts a new trace;</li>
 * <li>{@code traceparent} is 2 lowercase hex version digits (not {@code ff}), a 32-digit trace id
 * and a 16-digit parent id, neither all zeros, and 2 flag digits; version {@code 00} has nothing
 * after them, a later version only a {@code -} and fields this version ignores;</li>
 * <li>{@code tracestate} headers are combined in order into one list, which
 * {@link W3CTraceState#parse} reads.</li>
 * </ul>
 */
public final class TraceContextPropagator implements TextMapPropagator {

	private static final String TRACEPARENT = "traceparent";

	private static final String TRACESTATE = "tracestate";

	private static final TraceContextPropagator INSTANCE = new TraceContextPropagator();

	private static final TextMapPropagator writer = W3CTraceContextPropagator.getInstance();

	// version "-" trace-id "-" parent-id "-" trace-flags, the part every version shares.
	private static final int TRACE_ID_START = 3;

	private static final int PARENT_ID_START = TRACE_ID_START + TraceId.getLength() + 1;

	private static final int FLAGS_START = PARENT_ID_START + SpanId.getLength() + 1;

	private static final int VERSION_00_LENGTH = FLAGS_START + TraceFlags.getLength();

	private TraceContextPropagator() {
	}

	/**
	 * Returns the propagator.
	 * @return the one instance
	 */
	public static TraceContextPropagator getInstance() {
		return INSTANCE;
	}

	@Override
	public Collection<String> fields() {
		return writer.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		writer.inject(context, carrier, setter);
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		SpanContext parent = read(carrier, getter);
		return parent.isValid() ? context.with(Span.wrap(parent)) : context;
	}

	private static <C> SpanContext read(@Nullable C carrier, TextMapGetter<C> getter) {
		@Nullable Iterator<String> traceparents = getter.getAll(carrier, TRACEPARENT);
		if (traceparents == null || !traceparents.hasNext()) {
			return SpanContext.getInvalid();
		}
		String traceparent = traceparents.next();
		if (traceparents.hasNext()) {
			return SpanContext.getInvalid();
		}
		SpanContext parent = parseTraceparent(traceparent);
		if (!parent.isValid()) {
			// The specification: tracestate is not read without a valid traceparent.
			return parent;
		}
		TraceState traceState = W3CTraceState.parse(getter.getAll(carrier, TRACESTATE));
		return SpanContext.createFromRemoteParent(parent.getTraceId(), parent.getSpanId(), parent.getTraceFlags(),
				traceState);
	}

	private static SpanContext parseTraceparent(@Nullable String header) {
		String value = W3CTraceState.trimOptionalWhitespace(header);
		if (value.length() < VERSION_00_LENGTH || !isLowercaseHex(value, 0, TRACE_ID_START - 1)
				|| value.startsWith("ff") || !isField(value, TRACE_ID_START, PARENT_ID_START - 1)
				|| !isField(value, PARENT_ID_START, FLAGS_START - 1) || !isField(value, FLAGS_START, VERSION_00_LENGTH)) {
			return SpanContext.getInvalid();
		}
		boolean version00 = value.startsWith("00");
		if (value.length() > VERSION_00_LENGTH && (version00 || value.charAt(VERSION_00_LENGTH) != '-')) {
			return SpanContext.getInvalid();
		}
		String traceId = value.substring(TRACE_ID_START, PARENT_ID_START - 1);
		String parentId = value.substring(PARENT_ID_START, FLAGS_START - 1);
		if (traceId.equals(TraceId.getInvalid()) || parentId.equals(SpanId.getInvalid())) {
			return SpanContext.getInvalid();
		}
		byte flags = (byte) HexFormat.fromHexDigits(value, FLAGS_START, VERSION_00_LENGTH);
		return SpanContext.createFromRemoteParent(traceId, parentId, TraceFlags.fromByte(flags),
				TraceState.getDefault());
	}

	// A field of lowercase hex digits, after the dash that ends the field before it.
	private static boolean isField(String value, int start, int end) {
		return value.charAt(start - 1) == '-' && isLowercaseHex(value, start, end);
	}

	private static boolean isLowercaseHex(String value, int start, int end) {
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "TraceContextPropagator";
	}

}
