package dev.tracekit.export;

import dev.tracekit.config.ConfigurationValue;

/** The OTLP transports, named as in {@code OTEL_EXPORTER_OTLP_PROTOCOL}. */
public enum OtlpProtocol implements ConfigurationValue {

	/** OTLP over gRPC; default port 4317. */
	GRPC("grpc", 4317, ""),

	/** OTLP over HTTP with protobuf bodies; default port 4318 and path {@code /v1/traces}. */
	HTTP_PROTOBUF("http/protobuf", 4318, "/v1/traces");

	private final String id;

	private final int defaultPort;

	private final String tracesPath;

	OtlpProtocol(String id, int defaultPort, String tracesPath) {
		this.id = id;
		this.defaultPort = defaultPort;
		this.tracesPath = tracesPath;
	}

	@Override
	public String id() {
		return this.id;
	}

	/** The endpoint the OTLP specification defines when none is configured. */
	public String defaultEndpoint() {
		return "http://localhost:" + this.defaultPort + this.tracesPath;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

	/** The path a signal-specific traces endpoint carries for this protocol. */
	public String tracesPath() {
		return this.tracesPath;
	}

}
