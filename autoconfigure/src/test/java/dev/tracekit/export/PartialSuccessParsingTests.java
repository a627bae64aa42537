package dev.tracekit.export;

import java.util.Arrays;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a collector's answer, encoded by the official OTLP protobuf classes, for partial success. */
class PartialSuccessParsingTests {

	@Test
	void rejectedSpansAndTheMessageAreRead() {
		byte[] answer = answer(7, "spans too large");
		assertThat(PartialSuccess.parse(answer)).isEqualTo(new PartialSuccess(7, "spans too large"));
	}

	@Test
	void anEmptyAnswerOrAnEmptyPartialSuccessIsFullSuccess() {
		assertThat(PartialSuccess.parse(new byte[0])).isNull();
		assertThat(PartialSuccess.parse(null)).isNull();
		assertThat(PartialSuccess.parse(ExportTraceServiceResponse.getDefaultInstance().toByteArray())).isNull();
		assertThat(PartialSuccess.parse(answer(0, ""))).isNull();
	}

	@Test
	void aWarningWithoutRejectedSpansIsKept() {
		assertThat(PartialSuccess.parse(answer(0, "deprecated attribute"))).isEqualTo(new PartialSuccess(0,
				"deprecated attribute"));
	}

	@Test
	void aTruncatedOrForeignBodyIsNotMistakenForAnAnswer() {
		byte[] answer = answer(3, "partial");
		assertThat(PartialSuccess.parse(Arrays.copyOf(answer, answer.length - 2))).isNull();
		assertThat(PartialSuccess.parse("<html>proxy error</html>".getBytes())).isNull();
	}

	private static byte[] answer(long rejected, String message) {
		return ExportTraceServiceResponse.newBuilder()
			.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message))
			.build()
			.toByteArray();
	}

}
