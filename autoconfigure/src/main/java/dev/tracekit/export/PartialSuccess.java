package dev.tracekit.export;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * What a collector says in the {@code partial_success} field of its answer to an OTLP trace export
 * that it accepted: how many of the request's spans it refused, and why. The OTLP specification
 * lets a collector answer a request with success while rejecting some of its spans; the SDK's
 * exporters read only the status, so tracekit reads the answer's body itself.
 * @param rejectedSpans spans of the request the collector refused; 0 when it only warns
 * @param errorMessage the collector's explanation, possibly empty
 */
record PartialSuccess(long rejectedSpans, String errorMessage) {

	// ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
	// ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
	private static final int PARTIAL_SUCCESS = 1;

	private static final int REJECTED_SPANS = 1;

	private static final int ERROR_MESSAGE = 2;

	/**
	 * Reads an {@code ExportTraceServiceResponse} as protobuf bytes.
	 * @param response the answer's body (HTTP) or message (gRPC)
	 * @return its partial success, or {@code null} when it has none, is empty or cannot be read
	 */
	static @Nullable PartialSuccess parse(byte @Nullable [] response) {
		if (response == null || response.length == 0) {
			return null;
		}
		try {
			Reader outer = new Reader(response, 0, response.length);
			PartialSuccess found = null;
			while (outer.hasMore()) {
				int tag = (int) outer.varint();
				if ((tag >>> 3) == PARTIAL_SUCCESS && (tag & 7) == 2) {
					int length = (int) outer.varint();
					found = partialSuccess(new Reader(response, outer.position, outer.position + length));
					outer.skipBytes(length);
				}
				else {
					outer.skip(tag & 7);
				}
			}
			return (found != null && (found.rejectedSpans() != 0 || !found.errorMessage().isEmpty())) ? found : null;
		}
		catch (RuntimeException ex) {
			// Not an OTLP answer (a proxy's page, say): nothing to learn from it.
			return null;
		}
	}

	private static PartialSuccess partialSuccess(Reader reader) {
		long rejected = 0;
		String message = "";
		while (reader.hasMore()) {
			int tag = (int) reader.varint();
			if ((tag >>> 3) == REJECTED_SPANS && (tag & 7) == 0) {
				rejected = reader.varint();
			}
			else if ((tag >>> 3) == ERROR_MESSAGE && (tag & 7) == 2) {
				int length = (int) reader.varint();
				message = new String(reader.bytes, reader.position, checked(reader, length), StandardCharsets.UTF_8);
				reader.skipBytes(length);
			}
			else {
				reader.skip(tag & 7);
			}
		}
		return new PartialSuccess(rejected, message);
	}

	private static int checked(Reader reader, int length) {
		if (length < 0 || reader.position + length > reader.end) {
			throw new IllegalArgumentException("truncated field");
		}
		return length;
	}

	/** Reads protobuf's wire format within a range of bytes. */
	private static final class Reader {

		private final byte[] bytes;

		private int position;

		private final int end;

		Reader(byte[] bytes, int position, int end) {
			if (end > bytes.length || position > end) {
				throw new IllegalArgumentException("truncated message");
			}
			this.bytes = bytes;
			this.position = position;
			this.end = end;
		}

		boolean hasMore() {
			return this.position < this.end;
		}

		long varint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				if (this.position >= this.end) {
					throw new IllegalArgumentException("truncated varint");
				}
				byte next = this.bytes[this.position++];
				value |= (long) (next & 0x7f) << shift;
				if (next >= 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("malformed varint");
		}

		void skipBytes(int length) {
			checked(this, length);
			this.position += length;
		}

		void skip(int wireType) {
			switch (wireType) {
				case 0 -> varint();
				case 1 -> skipBytes(8);
				case 2 -> skipBytes((int) varint());
				case 5 -> skipBytes(4);
				default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
			}
		}

	}

}
