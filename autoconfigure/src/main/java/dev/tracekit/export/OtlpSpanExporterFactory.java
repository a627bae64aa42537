package dev.tracekit.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.grpc.ManagedChannel;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/** Builds the OTLP gRPC or HTTP/protobuf exporter of one {@code tracekit.exporters} entry. */
final class OtlpSpanExporterFactory {

	private OtlpSpanExporterFactory() {
	}

	static SpanExporter create(String name, ExporterProperties properties, ExporterCustomizations customizations) {
		SdkExportFailureLog.quiet();
		return switch (properties.getProtocol()) {
			case GRPC -> grpc(name, properties, customizations);
			case HTTP_PROTOBUF -> http(name, properties, customizations);
		};
	}

	@SuppressWarnings("deprecation") // setChannel: the one way to hand the SDK a channel set up as needed
	private static SpanExporter grpc(String name, ExporterProperties properties, ExporterCustomizations customizations) {
		OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
			.setEndpoint(customizations.endpoint(name, properties))
			.setTimeout(properties.getTimeout())
			.setCompression(properties.effectiveCompression().id())
			.setRetryPolicy(properties.isRetry() ? RetryPolicy.getDefault() : null)
			// Left at its default, the exporter reads GlobalOpenTelemetry and pins it before we register.
			.setMeterProvider(MeterProvider::noop)
			.setComponentLoader(senderLoader(name, properties));
		properties.effectiveHeaders().forEach(builder::addHeader);
		if (sender(properties) == OtlpSender.GRPC_JAVA) {
			// TLS and retry belong to the channel then; the builder's would be ignored.
			ManagedChannel channel = GrpcJavaChannel.create(customizations.endpoint(name, properties), properties.isRetry(),
					read(name, "trusted-certificate", properties.getTrustedCertificate()),
					read(name, "client-key", properties.getClientKey()),
					read(name, "client-certificate", properties.getClientCertificate()));
			try {
				customizations.grpcCustomizers().forEach((customizer) -> customizer.accept(builder));
				return GrpcJavaChannel.closingChannel(builder.setChannel(channel).build(), channel);
			}
			catch (RuntimeException ex) {
				channel.shutdownNow();
				throw ex;
			}
		}
		applyTls(name, properties, builder::setTrustedCertificates, builder::setClientTls);
		SslBundle bundle = customizations.sslBundle(name, properties);
		if (bundle != null) {
			builder.setSslContext(bundle.createSslContext(), ExporterCustomizations.trustManager(bundle));
		}
		customizations.grpcCustomizers().forEach((customizer) -> customizer.accept(builder));
		return builder.build();
	}

	private static SpanExporter http(String name, ExporterProperties properties, ExporterCustomizations customizations) {
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(customizations.endpoint(name, properties))
			.setTimeout(properties.getTimeout())
			.setCompression(properties.effectiveCompression().id())
			.setRetryPolicy(properties.isRetry() ? RetryPolicy.getDefault() : null)
			.setMeterProvider(MeterProvider::noop)
			.setComponentLoader(senderLoader(name, properties));
		properties.effectiveHeaders().forEach(builder::addHeader);
		applyTls(name, properties, builder::setTrustedCertificates, builder::setClientTls);
		SslBundle bundle = customizations.sslBundle(name, properties);
		if (bundle != null) {
			builder.setSslContext(bundle.createSslContext(), ExporterCustomizations.trustManager(bundle));
		}
		customizations.httpCustomizers().forEach((customizer) -> customizer.accept(builder));
		return builder.build();
	}

	// The sender chosen for this exporter, whatever else is on the class path; see OtlpSenderLoader.
	private static OtlpSenderLoader senderLoader(String name, ExporterProperties properties) {
		return new OtlpSenderLoader(name, sender(properties), properties.getProtocol(), classLoader());
	}

	/**
	 * The sender an exporter uses: the configured one, else the protocol's default, else (when the
	 * default's module is left out of the class path, as without the starter) OkHttp, which
	 * {@code opentelemetry-exporter-otlp} always brings.
	 */
	static OtlpSender sender(ExporterProperties properties) {
		OtlpSender sender = properties.effectiveSender();
		if (properties.getSender() == null && !sender.isPresent(properties.getProtocol(), classLoader())) {
			return OtlpSender.OKHTTP;
		}
		return sender;
	}

	private static ClassLoader classLoader() {
		ClassLoader loader = OtlpGrpcSpanExporter.class.getClassLoader();
		return (loader != null) ? loader : ClassLoader.getSystemClassLoader();
	}

	// The two builders share no interface; their TLS setters are passed in.
	private static void applyTls(String name, ExporterProperties properties, Consumer<byte[]> trustedCertificates,
			BiConsumer<byte[], byte[]> clientTls) {
		byte[] trusted = read(name, "trusted-certificate", properties.getTrustedCertificate());
		if (trusted != null) {
			trustedCertificates.accept(trusted);
		}
		byte[] key = read(name, "client-key", properties.getClientKey());
		byte[] certificate = read(name, "client-certificate", properties.getClientCertificate());
		if (key != null && certificate != null) {
			clientTls.accept(key, certificate);
		}
	}

	private static byte @Nullable [] read(String exporterName, String property, @Nullable String file) {
		if (file == null) {
			return null;
		}
		try {
			return Files.readAllBytes(Path.of(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("tracekit.exporters." + exporterName + "." + property + ": cannot read '"
					+ file + "': " + ex.getMessage(), ex);
		}
	}

	/** Where and how the exporter sends, for logs and reports; header values are never shown. */
	static String describe(ExporterProperties properties) {
		return describe("", properties, ExporterCustomizations.NONE);
	}

	/** Where and how the exporter sends, for logs and reports; header values are never shown. */
	static String describe(String name, ExporterProperties properties, ExporterCustomizations customizations) {
		StringBuilder description = new StringBuilder();
		description.append("otlp ").append(properties.getProtocol().id()).append(' ')
			.append(customizations.endpoint(name, properties));
		ExporterCustomizations.Connection connection = customizations.connection(name, properties);
		if (connection != null) {
			description.append(" (from ").append(connection.source()).append(')');
		}
		OtlpSender sender = sender(properties);
		if (sender != OtlpSender.defaultFor(properties.getProtocol())) {
			description.append(", sender ").append(sender.id());
		}
		if (properties.effectiveCompression() != Compression.NONE) {
			description.append(", ").append(properties.effectiveCompression().id());
		}
		if (!properties.effectiveHeaders().isEmpty()) {
			description.append(", headers ").append(properties.effectiveHeaders().keySet()).append(" (values masked)");
		}
		if (properties.getTrustedCertificate() != null || properties.getClientCertificate() != null) {
			description.append(properties.getClientCertificate() != null ? ", mTLS" : ", custom CA");
		}
		if (properties.getSsl().getBundle() != null) {
			description.append(", SSL bundle '").append(properties.getSsl().getBundle()).append('\'');
		}
		return description.toString();
	}

}
