package dev.tracekit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A real OTLP trace receiver for tests: gRPC (grpc-java) and HTTP/protobuf (the JDK's HTTP
 * server) on loopback ports, decoding requests with the official OTLP protobuf classes. It keeps
 * every request with its headers and whether its body was gzip-compressed, can answer with a
 * failure or a delay, and can be stopped and restarted on the same ports.
 */
public final class OtlpTestReceiver implements AutoCloseable {

	private static final String TRACES_PATH = "/v1/traces";

	private static final Context.Key<Map<String, String>> HEADERS = Context.key("otlp-headers");

	private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

	private volatile Duration delay = Duration.ZERO;

	private int grpcPort;

	private int httpPort;

	private Server grpcServer;

	private HttpServer httpServer;

	private OtlpTestReceiver() {
	}

	/** Starts both servers on free loopback ports. */
	public static OtlpTestReceiver start() {
		OtlpTestReceiver receiver = new OtlpTestReceiver();
		receiver.startServers(0, 0);
		return receiver;
	}

	private synchronized void startServers(int grpcPort, int httpPort) {
		try {
			this.grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", grpcPort))
				.addService(ServerInterceptors.intercept(new TraceService(), new HeaderCapture()))
				.build()
				.start();
			this.grpcPort = this.grpcServer.getPort();
			this.httpServer = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
			this.httpServer.createContext(TRACES_PATH, this::handleHttp);
			this.httpServer.start();
			this.httpPort = this.httpServer.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops both servers; exports fail with connection refused until {@link #restart()}. */
	public synchronized void stop() {
		if (this.grpcServer != null) {
			this.grpcServer.shutdownNow();
			try {
				this.grpcServer.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.grpcServer = null;
		}
		if (this.httpServer != null) {
			this.httpServer.stop(0);
			this.httpServer = null;
		}
	}

	/** Starts again on the same ports. */
	public synchronized void restart() {
		stop();
		startServers(this.grpcPort, this.httpPort);
	}

	@Override
	public void close() {
		stop();
	}

	/** The gRPC endpoint, as {@code tracekit.exporters.*.endpoint} takes it. */
	public String grpcEndpoint() {
		return "http://127.0.0.1:" + this.grpcPort;
	}

	/** The HTTP/protobuf endpoint, path included. */
	public String httpEndpoint() {
		return "http://127.0.0.1:" + this.httpPort + TRACES_PATH;
	}

	public int grpcPort() {
		return this.grpcPort;
	}

	public int httpPort() {
		return this.httpPort;
	}

	/** Answers every later export with this fault (or none). */
	public void setFault(Fault fault) {
		this.fault.set(fault);
	}

	/** Delays every later answer by this long. */
	public void setDelay(Duration delay) {
		this.delay = delay;
	}

	/** Every accepted request, in arrival order. */
	public List<ReceivedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** Every accepted span, flattened with its resource and scope. */
	public List<ReceivedSpan> spans() {
		List<ReceivedSpan> spans = new ArrayList<>();
		for (ReceivedRequest request : this.requests) {
			spans.addAll(request.spans());
		}
		return spans;
	}

	public int spanCount() {
		int count = 0;
		for (ReceivedRequest request : this.requests) {
			count += request.spanCount();
		}
		return count;
	}

	/** Forgets what was received. */
	public void clear() {
		this.requests.clear();
	}

	private void sleepDelay() {
		Duration delay = this.delay;
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void handleHttp(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new HashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			boolean gzip = "gzip".equalsIgnoreCase(headers.get("content-encoding"));
			sleepDelay();
			Fault current = this.fault.get();
			if (current != Fault.NONE) {
				exchange.sendResponseHeaders(current.httpStatus, -1);
				return;
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(gzip ? gunzip(body) : body);
			this.requests.add(new ReceivedRequest(Protocol.HTTP, headers, gzip, request));
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			exchange.getResponseBody().write(response);
		}
	}

	private static byte[] gunzip(byte[] body) throws IOException {
		try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toByteArray();
		}
	}

	private final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {

		@Override
		public void export(ExportTraceServiceRequest request,
				StreamObserver<ExportTraceServiceResponse> responseObserver) {
			sleepDelay();
			Fault current = OtlpTestReceiver.this.fault.get();
			if (current != Fault.NONE) {
				responseObserver.onError(current.grpcStatus.withDescription("test receiver fault").asRuntimeException());
				return;
			}
			Map<String, String> headers = HEADERS.get();
			boolean gzip = "gzip".equalsIgnoreCase(headers.get("grpc-encoding"));
			OtlpTestReceiver.this.requests.add(new ReceivedRequest(Protocol.GRPC, headers, gzip, request));
			responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
			responseObserver.onCompleted();
		}

	}

	private static final class HeaderCapture implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
				ServerCallHandler<Q, R> next) {
			Map<String, String> headers = new HashMap<>();
			for (String key : metadata.keys()) {
				if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
					String value = metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
					headers.put(key.toLowerCase(Locale.ROOT), value);
				}
			}
			return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, metadata, next);
		}

	}

	/** The transport a request came over. */
	public enum Protocol {

		GRPC, HTTP

	}

	/** How the receiver answers instead of accepting. */
	public enum Fault {

		NONE(200, Status.OK),

		/** gRPC UNAVAILABLE / HTTP 503: retryable. */
		UNAVAILABLE(503, Status.UNAVAILABLE),

		/** gRPC UNAUTHENTICATED / HTTP 401: a rejected API key. */
		UNAUTHENTICATED(401, Status.UNAUTHENTICATED);

		final int httpStatus;

		final Status grpcStatus;

		Fault(int httpStatus, Status grpcStatus) {
			this.httpStatus = httpStatus;
			this.grpcStatus = grpcStatus;
		}

	}

	/**
	 * One accepted export request.
	 * @param protocol how it arrived
	 * @param headers its headers, names in lower case
	 * @param gzip whether its body was gzip-compressed on the wire
	 * @param request the decoded request
	 */
	public record ReceivedRequest(Protocol protocol, Map<String, String> headers, boolean gzip,
			ExportTraceServiceRequest request) {

		public int spanCount() {
			int count = 0;
			for (ResourceSpans resourceSpans : this.request.getResourceSpansList()) {
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					count += scopeSpans.getSpansCount();
				}
			}
			return count;
		}

		public List<ReceivedSpan> spans() {
			List<ReceivedSpan> spans = new ArrayList<>();
			for (ResourceSpans resourceSpans : this.request.getResourceSpansList()) {
				Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						spans.add(new ReceivedSpan(span, resource, scopeSpans.getScope().getName(),
								scopeSpans.getScope().getVersion()));
					}
				}
			}
			return spans;
		}

	}

	/**
	 * One received span with its resource and instrumentation scope.
	 * @param span the span as sent
	 * @param resource the resource attributes, decoded
	 * @param scopeName the instrumentation scope name
	 * @param scopeVersion the instrumentation scope version
	 */
	public record ReceivedSpan(Span span, Map<String, Object> resource, String scopeName, String scopeVersion) {

		public String name() {
			return this.span.getName();
		}

		public String traceId() {
			return hex(this.span.getTraceId());
		}

		public String spanId() {
			return hex(this.span.getSpanId());
		}

		/** The parent span id, or an empty string for a root span. */
		public String parentSpanId() {
			return hex(this.span.getParentSpanId());
		}

		public Map<String, Object> attributes() {
			return OtlpTestReceiver.attributes(this.span.getAttributesList());
		}

	}

	static String hex(ByteString bytes) {
		return HexFormat.of().formatHex(bytes.toByteArray());
	}

	/** Decodes OTLP attributes into strings, longs, doubles, booleans and lists of them. */
	public static Map<String, Object> attributes(List<KeyValue> keyValues) {
		Map<String, Object> attributes = new HashMap<>();
		for (KeyValue keyValue : keyValues) {
			attributes.put(keyValue.getKey(), value(keyValue.getValue()));
		}
		return attributes;
	}

	private static Object value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> value.getBoolValue();
			case INT_VALUE -> value.getIntValue();
			case DOUBLE_VALUE -> value.getDoubleValue();
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpTestReceiver::value).toList();
			case BYTES_VALUE -> value.getBytesValue().toByteArray();
			default -> value.toString();
		};
	}

}
