package dev.tracekit.diagnostics;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.tracekit.autoconfigure.TracekitProperties;
import dev.tracekit.autoconfigure.TracekitProperties.Exporter;
import dev.tracekit.export.ExporterType;
import dev.tracekit.export.OtlpProtocol;
import dev.tracekit.export.ProcessorType;
import dev.tracekit.sampling.SamplerType;

/**
 * Settings that are valid but very likely a mistake. They are logged at WARN at startup; they do
 * not stop the application.
 */
public final class ConfigurationWarnings {

	private ConfigurationWarnings() {
	}

	/**
	 * The warnings about these settings.
	 * @param properties the settings
	 * @param exporterBuilt whether the exporter of a name is built: one that is not (a network
	 * exporter in a test) gets no warning
	 * @return one line per finding
	 */
	public static List<String> of(TracekitProperties properties, Predicate<String> exporterBuilt) {
		List<String> warnings = new ArrayList<>();
		sampler(properties.getSampler(), warnings);
		properties.effectiveExporters().forEach((name, exporter) -> {
			if (exporterBuilt.test(name)) {
				exporter(name, exporter, warnings);
			}
		});
		return warnings;
	}

	private static void sampler(TracekitProperties.Sampler sampler, List<String> warnings) {
		if (sampler.getType() == SamplerType.ALWAYS_OFF) {
			warnings.add("tracekit.sampler.type is always_off: no span is recorded or exported.");
		}
		else if (sampler.getType().usesRatio() && sampler.getRatio() == 0.0) {
			warnings.add("tracekit.sampler.ratio is 0 with sampler " + sampler.getType().id()
					+ ": no trace started here is recorded or exported.");
		}
	}

	private static void exporter(String name, Exporter exporter, List<String> warnings) {
		if (exporter.getType() != ExporterType.OTLP) {
			return;
		}
		String property = "tracekit.exporters." + name;
		URI endpoint = URI.create(exporter.effectiveEndpoint());
		if (exporter.getProtocol() == OtlpProtocol.HTTP_PROTOBUF && endpoint.getPort() == OtlpProtocol.GRPC.defaultPort()) {
			warnings.add(property + " sends http/protobuf to port 4317, the OTLP gRPC port. Use port 4318"
					+ " or set " + property + ".protocol=grpc.");
		}
		if (exporter.getProtocol() == OtlpProtocol.GRPC && endpoint.getPort() == OtlpProtocol.HTTP_PROTOBUF.defaultPort()) {
			warnings.add(property + " sends gRPC to port 4318, the OTLP HTTP port. Use port 4317"
					+ " or set " + property + ".protocol=http/protobuf.");
		}
		if ("http".equals(endpoint.getScheme()) && !exporter.getHeaders().isEmpty() && !isLoopback(endpoint.getHost())) {
			warnings.add(property + " sends the headers " + exporter.getHeaders().keySet() + " over plain http:// to "
					+ endpoint.getHost() + ": credentials travel unencrypted. Use https://.");
		}
		if (exporter.effectiveProcessorType() == ProcessorType.SIMPLE) {
			warnings.add(property + " uses the simple processor with a network exporter: every span is sent on the"
					+ " thread that ends it, one request per span. Use processor.type=batch outside of tests.");
		}
	}

	private static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		if (host.equals("localhost")) {
			return true;
		}
		try {
			// Only literal addresses are checked; a name is never resolved here.
			return (host.matches("[0-9.]+") || host.startsWith("[")) && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (Exception ex) {
			return false;
		}
	}

}
