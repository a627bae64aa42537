package dev.tracekit.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * The grpc-java channel of an exporter whose sender is {@code grpc-java}: Netty (from
 * {@code grpc-netty-shaded}, which sets {@code TCP_NODELAY}), handed to the SDK's exporter with
 * {@code setChannel}, which then sends through {@code opentelemetry-exporter-sender-grpc-managed-channel}.
 * That sender takes headers, compression and the timeout from the exporter's builder, but TLS and
 * retry only from the channel, so they are set here: the trusted certificates and client key pair
 * as Netty's SSL context, retry as gRPC's own retry policy with the SDK's default figures and
 * retryable status codes. The channel also reads each answer for partial success, on both SDK lines
 * (OpenTelemetry 1.55's sender hands the exporter the status only).
 *
 * <p>
 * Loaded only when an exporter uses this sender, so that neither module is needed otherwise.
 */
final class GrpcJavaChannel {

	// The status codes the SDK's exporters retry (RetryUtil in opentelemetry-exporter-common).
	private static final List<String> RETRYABLE = List.of("CANCELLED", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED",
			"ABORTED", "OUT_OF_RANGE", "UNAVAILABLE", "DATA_LOSS");

	private static final String TRACE_SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

	private GrpcJavaChannel() {
	}

	static ManagedChannel create(String endpoint, boolean retry, byte @Nullable [] trustedCertificates,
			byte @Nullable [] clientKey, byte @Nullable [] clientCertificate) {
		URI uri = URI.create(endpoint);
		ExporterProperties.OtlpEndpoint.Authority authority = ExporterProperties.OtlpEndpoint.Authority.of(uri);
		boolean tls = "https".equals(uri.getScheme());
		int port = (authority.port() > 0) ? authority.port() : (tls ? 443 : 80);
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(String.valueOf(authority.host()), port)
			.intercept(new AnswerReading());
		if (tls) {
			builder.sslContext(sslContext(trustedCertificates, clientKey, clientCertificate));
		}
		else {
			builder.usePlaintext();
		}
		if (retry) {
			builder.defaultServiceConfig(retryServiceConfig(RetryPolicy.getDefault())).enableRetry();
		}
		return builder.build();
	}

	private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(byte @Nullable [] trusted,
			byte @Nullable [] key, byte @Nullable [] certificate) {
		try {
			SslContextBuilder ssl = GrpcSslContexts.forClient();
			if (trusted != null) {
				ssl.trustManager(new ByteArrayInputStream(trusted));
			}
			if (key != null && certificate != null) {
				ssl.keyManager(new ByteArrayInputStream(certificate), new ByteArrayInputStream(key));
			}
			return ssl.build();
		}
		catch (SSLException | IllegalArgumentException ex) {
			throw new IllegalStateException("the TLS settings cannot be used by grpc-java: " + ex.getMessage(), ex);
		}
	}

	// gRPC's service config, as the JSON-like map grpc-java takes: numbers as doubles, durations as strings.
	private static Map<String, ?> retryServiceConfig(RetryPolicy policy) {
		Map<String, Object> retryPolicy = Map.of("maxAttempts", (double) policy.getMaxAttempts(), "initialBackoff",
				seconds(policy.getInitialBackoff().toNanos()), "maxBackoff", seconds(policy.getMaxBackoff().toNanos()),
				"backoffMultiplier", policy.getBackoffMultiplier(), "retryableStatusCodes", RETRYABLE);
		Map<String, Object> methodConfig = Map.of("name", List.of(Map.of("service", TRACE_SERVICE)), "retryPolicy",
				retryPolicy);
		return Map.of("methodConfig", List.of(methodConfig));
	}

	private static String seconds(long nanos) {
		return String.format(java.util.Locale.ROOT, "%.9fs", nanos / 1e9);
	}

	/** Shuts the channel down with the exporter: the SDK leaves a channel it was given open. */
	static SpanExporter closingChannel(SpanExporter exporter, ManagedChannel channel) {
		return new ChannelOwningExporter(exporter, channel);
	}

	private record ChannelOwningExporter(SpanExporter exporter, ManagedChannel channel) implements SpanExporter {

		@Override
		public CompletableResultCode export(java.util.Collection<SpanData> spans) {
			return this.exporter.export(spans);
		}

		@Override
		public CompletableResultCode flush() {
			return this.exporter.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			CompletableResultCode exporterDown = this.exporter.shutdown();
			CompletableResultCode result = new CompletableResultCode();
			exporterDown.whenComplete(() -> {
				this.channel.shutdown();
				try {
					if (!this.channel.awaitTermination(5, TimeUnit.SECONDS)) {
						this.channel.shutdownNow();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.channel.shutdownNow();
				}
				if (exporterDown.isSuccess()) {
					result.succeed();
				}
				else {
					result.fail();
				}
			});
			return result;
		}

		@Override
		public String toString() {
			return this.exporter.toString();
		}

	}

	/**
	 * Reads each answer's message for partial success on its way to the sender (the response
	 * marshaller is wrapped so that it sees the bytes first), and keeps the cause of a failed call. The export's answer is taken on the
	 * thread that starts the call, which is the exporting thread (see {@link CollectorResponses}).
	 */
	private static final class AnswerReading implements ClientInterceptor {

		@Override
		public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
			CollectorResponses.Answer answer = CollectorResponses.current();
			if (answer == null) {
				return next.newCall(method, options);
			}
			MethodDescriptor.Marshaller<R> responses = method.getResponseMarshaller();
			MethodDescriptor.Marshaller<R> reading = new MethodDescriptor.Marshaller<>() {

				@Override
				public InputStream stream(R value) {
					return responses.stream(value);
				}

				@Override
				public R parse(InputStream stream) {
					try {
						byte[] message = stream.readAllBytes();
						answer.partialSuccess(PartialSuccess.parse(message));
						return responses.parse(new ByteArrayInputStream(message));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}

			};
			ClientCall<Q, R> call = next.newCall(method.toBuilder(method.getRequestMarshaller(), reading).build(), options);
			return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {

				@Override
				public void start(Listener<R> listener, Metadata headers) {
					super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {

						// The sender passes on the status alone; the cause (a TLS handshake, a refused
						// connection) is kept for the failure log.
						@Override
						public void onClose(Status status, Metadata trailers) {
							if (!status.isOk() && status.getCause() != null) {
								answer.transportFailure(status.getCause());
							}
							super.onClose(status, trailers);
						}

					}, headers);
				}

			};
		}

	}

}
