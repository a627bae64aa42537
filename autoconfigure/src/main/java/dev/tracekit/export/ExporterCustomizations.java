package dev.tracekit.export;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * What reaches the OTLP exporters besides their {@code tracekit.exporters.<name>.*} settings: the
 * application's SSL bundles (for {@code ssl.bundle}), builder customizers (Spring Boot's
 * {@code Otlp*SpanExporterBuilderCustomizer} beans), and a connection that replaces one exporter's
 * endpoint (Spring Boot's {@code OtlpTracingConnectionDetails}, as {@code @ServiceConnection}
 * provides it).
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class ExporterCustomizations {

	/** The exporter a connection applies to, as the OTEL_EXPORTER_OTLP_* variables do. */
	public static final String CONNECTION_EXPORTER = "otlp";

	/** No SSL bundles, no customizer, no connection. */
	public static final ExporterCustomizations NONE = new ExporterCustomizations(null, List.of(), List.of(), null);

	private final @Nullable SslBundles sslBundles;

	private final List<Consumer<OtlpGrpcSpanExporterBuilder>> grpcCustomizers;

	private final List<Consumer<OtlpHttpSpanExporterBuilder>> httpCustomizers;

	private final @Nullable Connection connection;

	/**
	 * @param sslBundles the application's SSL bundles, if any
	 * @param grpcCustomizers applied, in order, to every OTLP gRPC exporter's builder after its settings
	 * @param httpCustomizers applied, in order, to every OTLP HTTP exporter's builder after its settings
	 * @param connection where one exporter connects instead of its configured endpoint, if anywhere
	 */
	public ExporterCustomizations(@Nullable SslBundles sslBundles, List<Consumer<OtlpGrpcSpanExporterBuilder>> grpcCustomizers,
			List<Consumer<OtlpHttpSpanExporterBuilder>> httpCustomizers, @Nullable Connection connection) {
		this.sslBundles = sslBundles;
		this.grpcCustomizers = List.copyOf(grpcCustomizers);
		this.httpCustomizers = List.copyOf(httpCustomizers);
		this.connection = connection;
	}

	/** Only the application's SSL bundles. */
	public static ExporterCustomizations of(@Nullable SslBundles sslBundles) {
		return new ExporterCustomizations(sslBundles, List.of(), List.of(), null);
	}

	List<Consumer<OtlpGrpcSpanExporterBuilder>> grpcCustomizers() {
		return this.grpcCustomizers;
	}

	List<Consumer<OtlpHttpSpanExporterBuilder>> httpCustomizers() {
		return this.httpCustomizers;
	}

	/** The connection that applies to this exporter, if one does. */
	@Nullable Connection connection(String exporterName, ExporterProperties properties) {
		Connection connection = this.connection;
		return (connection != null && connection.exporterName().equals(exporterName)
				&& properties.getType() == ExporterType.OTLP) ? connection : null;
	}

	/** The endpoint the exporter sends to: the connection's, else its own setting or default. */
	String endpoint(String exporterName, ExporterProperties properties) {
		Connection connection = connection(exporterName, properties);
		return (connection != null) ? connection.endpoint().apply(properties.getProtocol())
				: properties.effectiveEndpoint();
	}

	/**
	 * The SSL bundle the exporter uses: the one its {@code ssl.bundle} names, else the connection's
	 * when the exporter has no TLS setting of its own.
	 * @throws InvalidConfigurationPropertyValueException when the named bundle does not exist
	 */
	@Nullable SslBundle sslBundle(String exporterName, ExporterProperties properties) {
		String name = properties.getSsl().getBundle();
		if (name != null) {
			String property = "tracekit.exporters." + exporterName + ".ssl.bundle";
			SslBundles bundles = this.sslBundles;
			if (bundles == null) {
				throw new InvalidConfigurationPropertyValueException(property, name,
						"The application context has no SslBundles bean (Spring Boot's SslAutoConfiguration), so no"
								+ " SSL bundle can be found.");
			}
			try {
				return bundles.getBundle(name);
			}
			catch (NoSuchSslBundleException ex) {
				throw new InvalidConfigurationPropertyValueException(property, name, "There is no SSL bundle named '"
						+ name + "'; the bundles defined under spring.ssl.bundle.* are " + bundles.getBundleNames() + ".");
			}
		}
		Connection connection = connection(exporterName, properties);
		boolean ownTls = properties.getTrustedCertificate() != null || properties.getClientCertificate() != null;
		return (connection != null && !ownTls) ? connection.sslBundle().get() : null;
	}

	/** The trust manager of a bundle, which the OTLP exporters take beside its SSL context. */
	static X509TrustManager trustManager(SslBundle bundle) {
		TrustManager[] trustManagers = bundle.getManagers().getTrustManagers();
		return Arrays.stream(trustManagers)
			.filter(X509TrustManager.class::isInstance)
			.map(X509TrustManager.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The SSL bundle has no X.509 trust manager, which the OTLP"
					+ " exporters need; it has " + Arrays.toString(trustManagers)));
	}

	/**
	 * Where one exporter connects instead of its configured endpoint.
	 * @param exporterName the exporter it applies to
	 * @param source what provides it, for reports (such as the bean's name)
	 * @param endpoint the endpoint for each OTLP protocol
	 * @param sslBundle the SSL bundle of the connection, or null for none
	 */
	public record Connection(String exporterName, String source, Function<OtlpProtocol, String> endpoint,
			Supplier<@Nullable SslBundle> sslBundle) {

	}

}
