package dev.tracekit.export;

import java.util.Set;

import dev.tracekit.config.ConfigurationValue;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client an OTLP exporter sends with: one of the SDK's sender modules, each chosen per
 * exporter ({@code tracekit.exporters.<name>.sender}).
 */
public enum OtlpSender implements ConfigurationValue {

	/**
	 * The JDK's {@code java.net.http.HttpClient} ({@code opentelemetry-exporter-sender-jdk}):
	 * http/protobuf only. The default for http/protobuf.
	 */
	JDK("jdk", "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider", null,
			"io.opentelemetry:opentelemetry-exporter-sender-jdk", Set.of(OtlpProtocol.HTTP_PROTOBUF)),

	/**
	 * grpc-java's Netty transport ({@code opentelemetry-exporter-sender-grpc-managed-channel} with
	 * {@code io.grpc:grpc-netty-shaded}): grpc only.
	 */
	GRPC_JAVA("grpc-java", null, "io.opentelemetry.exporter.sender.grpc.managedchannel.internal.UpstreamGrpcSenderProvider",
			"io.opentelemetry:opentelemetry-exporter-sender-grpc-managed-channel and io.grpc:grpc-netty-shaded",
			Set.of(OtlpProtocol.GRPC)),

	/**
	 * OkHttp ({@code opentelemetry-exporter-sender-okhttp}, which {@code opentelemetry-exporter-otlp}
	 * brings): grpc and http/protobuf. The default for grpc.
	 */
	OKHTTP("okhttp", "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider",
			"io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSenderProvider",
			"io.opentelemetry:opentelemetry-exporter-sender-okhttp",
			Set.of(OtlpProtocol.GRPC, OtlpProtocol.HTTP_PROTOBUF));

	private final String id;

	private final @Nullable String httpProvider;

	private final @Nullable String grpcProvider;

	private final String artifact;

	private final Set<OtlpProtocol> protocols;

	OtlpSender(String id, @Nullable String httpProvider, @Nullable String grpcProvider, String artifact, Set<OtlpProtocol> protocols) {
		this.id = id;
		this.httpProvider = httpProvider;
		this.grpcProvider = grpcProvider;
		this.artifact = artifact;
		this.protocols = protocols;
	}

	@Override
	public String id() {
		return this.id;
	}

	/** The sender an exporter of this protocol uses when none is configured. */
	public static OtlpSender defaultFor(OtlpProtocol protocol) {
		return (protocol == OtlpProtocol.HTTP_PROTOBUF) ? JDK : OKHTTP;
	}

	/** Whether this sender speaks the protocol. */
	public boolean supports(OtlpProtocol protocol) {
		return this.protocols.contains(protocol);
	}

	/** The class name of the SDK's sender provider for the protocol (the same on every supported SDK line). */
	@Nullable String providerClassName(OtlpProtocol protocol) {
		return (protocol == OtlpProtocol.GRPC) ? this.grpcProvider : this.httpProvider;
	}

	/** Whether this sender's module is on the class path for the protocol. */
	boolean isPresent(OtlpProtocol protocol, ClassLoader classLoader) {
		String provider = providerClassName(protocol);
		if (provider == null) {
			return false;
		}
		try {
			Class.forName(provider, false, classLoader);
			if (this == GRPC_JAVA) {
				Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder", false, classLoader);
			}
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** The Maven coordinates of the module that holds it. */
	String artifact() {
		return this.artifact;
	}

}
