package dev.tracekit.viewer;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Says once the application is ready where the trace viewer is, or, when it was enabled but
 * cannot be served, why not. Ordered last, so that it follows what the application logs and
 * prints as it becomes ready, such as the spans of its first requests.
 */
final class TraceViewerStartupLog implements ApplicationListener<ApplicationReadyEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(TraceViewerStartupLog.class);

	private final Supplier<@Nullable String> endpointPath;

	private final String unavailable;

	private TraceViewerStartupLog(Supplier<@Nullable String> endpointPath, String unavailable) {
		this.endpointPath = endpointPath;
		this.unavailable = unavailable;
	}

	/**
	 * @param endpointPath where the {@code traces} endpoint is mapped, such as
	 * {@code /actuator/traces}; {@code null} when it is not exposed over HTTP
	 * @param properties the viewer's limits, for the log line
	 */
	static TraceViewerStartupLog of(Supplier<@Nullable String> endpointPath, TraceViewerProperties properties) {
		return new TraceViewerStartupLog(endpointPath, "tracekit.viewer.enabled=true, but the 'traces' actuator "
				+ "endpoint is not available over HTTP, so no trace is kept and there is no trace viewer. Add 'traces' "
				+ "to management.endpoints.web.exposure.include (span data can hold personal data: expose it only "
				+ "to those who may see it).");
	}

	static TraceViewerStartupLog withoutActuator() {
		return new TraceViewerStartupLog(() -> null, "tracekit.viewer.enabled=true, but the trace viewer is an "
				+ "actuator endpoint and Spring Boot Actuator is not on the classpath: add "
				+ "spring-boot-starter-actuator, and 'traces' to management.endpoints.web.exposure.include.");
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String path = this.endpointPath.get();
		if (path == null) {
			logger.warn("tracekit: " + this.unavailable);
			return;
		}
		logger.info("tracekit: trace viewer at " + url(event.getApplicationContext().getEnvironment(), path));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The page's address on this host: the management server's port, scheme and base path when
	 * the actuator has a port of its own, otherwise the application's, with its context path.
	 */
	static String url(Environment environment, String endpointPath) {
		String serverPort = environment.getProperty("local.server.port");
		String managementPort = environment.getProperty("local.management.port");
		boolean separate = managementPort != null && !managementPort.equals(serverPort);
		String port = separate ? managementPort : serverPort;
		if (port == null) {
			return endpointPath;
		}
		String server = separate ? "management.server" : "server";
		String prefix = separate ? path(environment, "management.server.base-path")
				: path(environment, "server.servlet.context-path") + path(environment, "spring.mvc.servlet.path")
						+ path(environment, "spring.webflux.base-path");
		String scheme = ssl(environment, server) ? "https" : "http";
		return scheme + "://localhost:" + port + prefix + endpointPath;
	}

	private static String path(Environment environment, String property) {
		String path = environment.getProperty(property, "").strip();
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return (path.isEmpty() || path.startsWith("/")) ? path : "/" + path;
	}

	// As Spring Boot decides: SSL is on when it is configured (a bundle, key store or certificate)
	// and not turned off.
	private static boolean ssl(Environment environment, String server) {
		String ssl = server + ".ssl.";
		boolean configured = environment.containsProperty(ssl + "bundle")
				|| environment.containsProperty(ssl + "key-store") || environment.containsProperty(ssl + "certificate");
		return configured && environment.getProperty(ssl + "enabled", Boolean.class, true);
	}

}
