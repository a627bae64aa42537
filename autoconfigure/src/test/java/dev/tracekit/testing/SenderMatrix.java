package dev.tracekit.testing;

import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Every OTLP protocol with every sender that speaks it, for tests that must hold on each:
 * {@code @MethodSource("dev.tracekit.testing.SenderMatrix#protocolsAndSenders")} hands a test the
 * protocol and the sender as {@code tracekit.exporters.*.protocol} and {@code .sender} take them.
 */
public final class SenderMatrix {

	private SenderMatrix() {
	}

	public static Stream<Arguments> protocolsAndSenders() {
		return Stream.of(Arguments.of("grpc", "okhttp"), Arguments.of("grpc", "grpc-java"), Arguments.of("http/protobuf", "jdk"),
				Arguments.of("http/protobuf", "okhttp"));
	}

	/** What the pipeline's description says of the sender: nothing for the protocol's default. */
	public static String described(String protocol, String sender) {
		boolean isDefault = protocol.equals("grpc") ? sender.equals("okhttp") : sender.equals("jdk");
		return isDefault ? "" : ", sender " + sender;
	}

}
