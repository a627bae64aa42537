package dev.tracekit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.tracekit.testing.TestCertificateAuthority.IssuedCertificate;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OTLP trace receiver for tests: gRPC (grpc-java) and HTTP/protobuf (the JDK's HTTP
 * server) on loopback ports, decoding requests with the official OTLP protobuf classes. It keeps
 * every request with its headers and whether its body was gzip-compressed, can answer with a
 * failure, a delay or a partial success, and can be stopped and restarted on the same ports. Started with
 * {@link #startTls}, both servers speak TLS, and can require a client certificate.
 * <p>
 * It is its own JUnit extension: a field {@code @RegisterExtension final OtlpTestReceiver receiver =
 * OtlpTestReceiver.start();} gives each test a receiver of its own, closed after the test; on a
 * static field one receiver serves the class and is closed after it.
 */
public final class OtlpTestReceiver implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private static final String TRACES_PATH = "/v1/traces";

	private static final Context.Key<Map<String, String>> HEADERS = Context.key("otlp-headers");

	private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

	private volatile Duration delay = Duration.ZERO;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	private volatile ExportTraceServiceResponse answer = ExportTraceServiceResponse.getDefaultInstance();

	// Counted down on stop, so that answers held back by a delay do not outlive the servers.
	private volatile CountDownLatch stopped = new CountDownLatch(1);

	private final Tls tls;

	private int grpcPort;

	private int httpPort;

	private Server grpcServer;

	private HttpServer httpServer;

	private ExecutorService httpExecutor;

	// Registered on a static field: JUnit calls beforeAll, and the receiver lives as long as the class.
	private volatile boolean servesTheClass;

	private OtlpTestReceiver(Tls tls) {
		this.tls = tls;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.servesTheClass = true;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.servesTheClass) {
			close();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// Nested classes inherit the extension: only the class that declares it closes it.
		if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
			close();
		}
	}

	/** Starts both servers on free loopback ports. */
	public static OtlpTestReceiver start() {
		OtlpTestReceiver receiver = new OtlpTestReceiver(null);
		receiver.startServers(0, 0);
		return receiver;
	}

	/** Starts both servers with TLS, presenting this certificate; no client certificate is asked for. */
	public static OtlpTestReceiver startTls(IssuedCertificate serverCertificate) {
		return startTls(serverCertificate, null);
	}

	/**
	 * Starts both servers with TLS, presenting this certificate.
	 * @param serverCertificate the server's certificate and key
	 * @param clientCa if not null, a client certificate issued by this CA is required (mutual TLS)
	 * @return the started receiver
	 */
	public static OtlpTestReceiver startTls(IssuedCertificate serverCertificate, X509Certificate clientCa) {
		OtlpTestReceiver receiver = new OtlpTestReceiver(new Tls(serverCertificate, clientCa));
		receiver.startServers(0, 0);
		return receiver;
	}

	private synchronized void startServers(int grpcPort, int httpPort) {
		try {
			this.stopped = new CountDownLatch(1);
			NettyServerBuilder grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", grpcPort))
				.addService(ServerInterceptors.intercept(new TraceService(), new HeaderCapture()));
			if (this.tls != null) {
				grpc.sslContext(this.tls.grpcSslContext());
			}
			this.grpcServer = grpc.build().start();
			this.grpcPort = this.grpcServer.getPort();
			InetSocketAddress httpAddress = new InetSocketAddress("127.0.0.1", httpPort);
			this.httpServer = (this.tls != null) ? this.tls.httpsServer(httpAddress) : HttpServer.create(httpAddress, 0);
			this.httpServer.createContext(TRACES_PATH, this::handleHttp);
			// A thread per request, as a real collector has: one delayed answer must not hold back the next.
			this.httpExecutor = Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "otlp-test-receiver-http");
				thread.setDaemon(true);
				return thread;
			});
			this.httpServer.setExecutor(this.httpExecutor);
			this.httpServer.start();
			this.httpPort = this.httpServer.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops both servers; exports fail with connection refused until {@link #restart()}. */
	public synchronized void stop() {
		this.stopped.countDown();
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
			this.httpExecutor.shutdownNow();
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
		return scheme() + "://127.0.0.1:" + this.grpcPort;
	}

	/** The HTTP/protobuf endpoint, path included. */
	public String httpEndpoint() {
		return scheme() + "://127.0.0.1:" + this.httpPort + TRACES_PATH;
	}

	/** The HTTP/protobuf endpoint with another port in front, such as a proxy's. */
	public static String httpEndpoint(int port) {
		return "http://127.0.0.1:" + port + TRACES_PATH;
	}

	private String scheme() {
		return (this.tls != null) ? "https" : "http";
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

	/**
	 * Delays every later answer by this long. Requests answered after a delay are marked
	 * {@link ReceivedRequest#delayed()}: an exporter whose timeout is shorter has given up on them.
	 */
	public void setDelay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Answers every later export it accepts with an OTLP partial success: the request is kept as
	 * received, and the answer says that this many of its spans were rejected, with this message.
	 * Rejecting 0 spans with a message is the specification's warning. {@link #acceptEverything()}
	 * goes back to plain success.
	 */
	public void setPartialSuccess(long rejectedSpans, String errorMessage) {
		this.answer = ExportTraceServiceResponse.newBuilder()
			.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
				.setRejectedSpans(rejectedSpans)
				.setErrorMessage(errorMessage))
			.build();
	}

	/** Answers later exports with plain success again, after {@link #setPartialSuccess}. */
	public void acceptEverything() {
		this.answer = ExportTraceServiceResponse.getDefaultInstance();
	}

	/** The most export requests this receiver has been answering at the same time. */
	public int mostRequestsInFlight() {
		return this.mostInFlight.get();
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

	/** Holds the answer back by the delay, if any, and says whether it did. */
	private boolean sleepDelay() {
		int now = this.inFlight.incrementAndGet();
		this.mostInFlight.accumulateAndGet(now, Math::max);
		try {
			return sleep();
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private boolean sleep() {
		Duration delay = this.delay;
		if (delay.isZero()) {
			return false;
		}
		try {
			this.stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return true;
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
			boolean delayed = sleepDelay();
			Fault current = this.fault.get();
			if (current != Fault.NONE) {
				exchange.sendResponseHeaders(current.httpStatus, -1);
				return;
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(gzip ? gunzip(body) : body);
			this.requests.add(new ReceivedRequest(Protocol.HTTP, headers, gzip, request, delayed));
			byte[] response = this.answer.toByteArray();
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
			boolean delayed = sleepDelay();
			Fault current = OtlpTestReceiver.this.fault.get();
			if (current != Fault.NONE) {
				responseObserver.onError(current.grpcStatus.withDescription("test receiver fault").asRuntimeException());
				return;
			}
			Map<String, String> headers = HEADERS.get();
			boolean gzip = "gzip".equalsIgnoreCase(headers.get("grpc-encoding"));
			OtlpTestReceiver.this.requests.add(new ReceivedRequest(Protocol.GRPC, headers, gzip, request, delayed));
			responseObserver.onNext(OtlpTestReceiver.this.answer);
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

	/**
	 * The TLS settings of a receiver started with {@link #startTls}.
	 * @param serverCertificate the certificate and key both servers present
	 * @param clientCa the CA client certificates must be issued by, or null if none is required
	 */
	private record Tls(IssuedCertificate serverCertificate, X509Certificate clientCa) {

		SslContext grpcSslContext() throws IOException {
			SslContextBuilder builder = GrpcSslContexts
				.configure(SslContextBuilder.forServer(this.serverCertificate.key(), this.serverCertificate.certificate()));
			if (this.clientCa != null) {
				builder.trustManager(this.clientCa).clientAuth(ClientAuth.REQUIRE);
			}
			return builder.build();
		}

		HttpsServer httpsServer(InetSocketAddress address) throws IOException {
			HttpsServer server = HttpsServer.create(address, 0);
			SSLContext context = sslContext();
			server.setHttpsConfigurator(new HttpsConfigurator(context) {

				@Override
				public void configure(HttpsParameters parameters) {
					SSLParameters ssl = context.getDefaultSSLParameters();
					ssl.setNeedClientAuth(Tls.this.clientCa != null);
					parameters.setSSLParameters(ssl);
				}

			});
			return server;
		}

		private SSLContext sslContext() {
			try {
				char[] password = "receiver".toCharArray();
				KeyStore keys = KeyStore.getInstance("PKCS12");
				keys.load(null, null);
				keys.setKeyEntry("receiver", this.serverCertificate.key(), password,
						new Certificate[] { this.serverCertificate.certificate() });
				KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, password);
				TrustManager[] trustManagers = null;
				if (this.clientCa != null) {
					KeyStore trusted = KeyStore.getInstance("PKCS12");
					trusted.load(null, null);
					trusted.setCertificateEntry("client-ca", this.clientCa);
					TrustManagerFactory factory = TrustManagerFactory
						.getInstance(TrustManagerFactory.getDefaultAlgorithm());
					factory.init(trusted);
					trustManagers = factory.getTrustManagers();
				}
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keyManagers.getKeyManagers(), trustManagers, null);
				return context;
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException(ex);
			}
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
	 * @param delayed whether its answer was held back by {@link #setDelay(Duration)}
	 */
	public record ReceivedRequest(Protocol protocol, Map<String, String> headers, boolean gzip,
			ExportTraceServiceRequest request, boolean delayed) {

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
