package dev.tracekit.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;

import io.opentelemetry.contrib.disk.buffering.internal.serialization.deserializers.DeserializationException;
import io.opentelemetry.contrib.disk.buffering.internal.serialization.deserializers.SignalDeserializer;
import io.opentelemetry.contrib.disk.buffering.internal.serialization.serializers.SignalSerializer;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The bytes of one spool file: a header (magic, version, span count, payload length, CRC-32 of the
 * payload), then the spans as OpenTelemetry's disk-buffering module serializes them (an OTLP
 * {@code ExportTraceServiceRequest} with a varint length prefix), read back with its deserializer.
 * The header is what lets a truncated or damaged file be told apart from a valid one before a
 * single span is decoded.
 */
final class SpoolCodec {

	static final int MAGIC = 0x544b5350; // "TKSP"

	static final byte VERSION = 1;

	static final int HEADER_BYTES = 4 + 1 + 4 + 4 + 8;

	// One serializer per writer thread: it keeps buffers between calls.
	private final SignalSerializer<SpanData> serializer = SignalSerializer.ofSpans();

	private final SignalDeserializer<SpanData> deserializer = SignalDeserializer.ofSpans();

	byte[] encode(Collection<SpanData> spans) throws IOException {
		ByteArrayOutputStream payload = new ByteArrayOutputStream(256 * spans.size());
		try {
			this.serializer.initialize(spans).writeBinaryTo(payload);
		}
		finally {
			this.serializer.reset();
		}
		byte[] body = payload.toByteArray();
		CRC32 crc = new CRC32();
		crc.update(body);
		return ByteBuffer.allocate(HEADER_BYTES + body.length)
			.putInt(MAGIC)
			.put(VERSION)
			.putInt(spans.size())
			.putInt(body.length)
			.putLong(crc.getValue())
			.put(body)
			.array();
	}

	/**
	 * The spans of a file's bytes.
	 * @throws CorruptFileException if the file is truncated, damaged or not a spool file
	 */
	List<SpanData> decode(byte[] file) throws CorruptFileException {
		if (file.length < HEADER_BYTES) {
			throw new CorruptFileException("truncated: " + file.length + " bytes, shorter than its header");
		}
		ByteBuffer buffer = ByteBuffer.wrap(file);
		if (buffer.getInt() != MAGIC || buffer.get() != VERSION) {
			throw new CorruptFileException("not a tracekit spool file of version " + VERSION);
		}
		int count = buffer.getInt();
		int length = buffer.getInt();
		long expectedCrc = buffer.getLong();
		if (length != file.length - HEADER_BYTES) {
			throw new CorruptFileException("truncated: " + (file.length - HEADER_BYTES) + " of " + length
					+ " payload bytes");
		}
		CRC32 crc = new CRC32();
		crc.update(file, HEADER_BYTES, length);
		if (crc.getValue() != expectedCrc) {
			throw new CorruptFileException("damaged: checksum mismatch");
		}
		byte[] message = withoutLengthPrefix(Arrays.copyOfRange(file, HEADER_BYTES, file.length));
		List<SpanData> spans;
		try {
			spans = this.deserializer.deserialize(message);
		}
		catch (DeserializationException | RuntimeException ex) {
			throw new CorruptFileException("undecodable: " + ex);
		}
		if (spans.size() != count) {
			throw new CorruptFileException("holds " + spans.size() + " spans, its header says " + count);
		}
		return spans;
	}

	// The serializer writes the message as a delimited record; the deserializer reads a bare message.
	private static byte[] withoutLengthPrefix(byte[] record) throws CorruptFileException {
		int length = 0;
		int shift = 0;
		int position = 0;
		while (true) {
			if (position >= record.length || shift > 28) {
				throw new CorruptFileException("damaged: bad length prefix");
			}
			byte b = record[position++];
			length |= (b & 0x7f) << shift;
			if ((b & 0x80) == 0) {
				break;
			}
			shift += 7;
		}
		if (length != record.length - position) {
			throw new CorruptFileException("damaged: length prefix " + length + " for " + (record.length - position)
					+ " bytes");
		}
		return Arrays.copyOfRange(record, position, record.length);
	}

	/** A spool file that cannot be read. */
	static final class CorruptFileException extends Exception {

		private static final long serialVersionUID = 1L;

		CorruptFileException(String message) {
			super(message);
		}

	}

}
