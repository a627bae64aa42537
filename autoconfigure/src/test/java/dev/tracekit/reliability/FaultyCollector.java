package dev.tracekit.reliability;

import java.time.Duration;

import dev.tracekit.testing.ConnectionCuttingProxy;
import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedRequest;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test receiver with a connection-cutting proxy in front of its gRPC and HTTP ports: a
 * collector that can be made to misbehave in each of the ways {@link CollectorFault} lists. As a
 * JUnit extension on a test's field, it is closed after each test.
 */
final class FaultyCollector implements AutoCloseable, AfterEachCallback {

	final OtlpTestReceiver receiver;

	private final ConnectionCuttingProxy grpcProxy;

	private final ConnectionCuttingProxy httpProxy;

	private FaultyCollector(OtlpTestReceiver receiver) {
		this.receiver = receiver;
		this.grpcProxy = ConnectionCuttingProxy.start(receiver.grpcPort());
		this.httpProxy = ConnectionCuttingProxy.start(receiver.httpPort());
	}

	/** Starts the receiver and the proxies, and warms up the export path (once per JVM). */
	static FaultyCollector start() {
		FaultyCollector collector = new FaultyCollector(OtlpTestReceiver.start());
		FaultWindow.warmUp(collector);
		return collector;
	}

	/** Where an exporter of this protocol sends, straight to the receiver. */
	String endpoint(String protocol) {
		return protocol.equals("grpc") ? this.receiver.grpcEndpoint() : this.receiver.httpEndpoint();
	}

	/** Where an exporter of this protocol sends; through the proxy if the fault needs it. */
	String endpoint(String protocol, CollectorFault fault) {
		if (!fault.needsProxy()) {
			return endpoint(protocol);
		}
		return protocol.equals("grpc") ? "http://127.0.0.1:" + this.grpcProxy.port()
				: OtlpTestReceiver.httpEndpoint(this.httpProxy.port());
	}

	void setCutting(boolean cutting) {
		this.grpcProxy.setCutting(cutting);
		this.httpProxy.setCutting(cutting);
	}

	int cutConnections() {
		return this.grpcProxy.cutConnections() + this.httpProxy.cutConnections();
	}

	/**
	 * Distinct spans the receiver accepted and answered at once: the exporter got its answer in time
	 * unless a cut connection lost it, and a retry then sent the same spans again.
	 */
	long spansAnsweredInTime() {
		return this.receiver.requests().stream().filter((request) -> !request.delayed())
			.flatMap((request) -> request.spans().stream())
			.map(ReceivedSpan::spanId)
			.distinct()
			.count();
	}

	/** Distinct spans the receiver accepted, answered at once or after a delay. */
	long spansReceived() {
		return this.receiver.requests().stream()
			.flatMap((request) -> request.spans().stream())
			.map(ReceivedSpan::spanId)
			.distinct()
			.count();
	}

	/** Spans the receiver accepted only after a delay longer than the exporter waits. */
	long spansAnsweredLate() {
		return this.receiver.requests().stream().filter(ReceivedRequest::delayed)
			.mapToLong(ReceivedRequest::spanCount).sum();
	}

	/** Whether a span of this name has arrived. */
	boolean received(String spanName) {
		return this.receiver.spans().stream().anyMatch((span) -> span.name().equals(spanName));
	}

	void delay(Duration delay) {
		this.receiver.setDelay(delay);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	@Override
	public void close() {
		this.grpcProxy.close();
		this.httpProxy.close();
		this.receiver.close();
	}

}
