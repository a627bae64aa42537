package dev.tracekit.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Whether the OpenTelemetry Java agent is attached to this JVM and turned on.
 *
 * <p>
 * The agent puts its bootstrap classes on the bootstrap class path whenever it is attached, also
 * when it is turned off; it then installs no instrumentation and leaves the application's
 * {@code GlobalOpenTelemetry} alone. So "active" is: its bootstrap class is there, and
 * {@code otel.javaagent.enabled} is not false where the agent reads it (system property, then
 * environment variable, then its configuration file).
 * @param active whether the agent is attached and turned on
 * @param version the agent's version, or {@code "unknown"}
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public record JavaAgent(boolean active, String version) {

	private static final String BOOTSTRAP_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

	private static final String AGENT_CLASS = "io.opentelemetry.javaagent.OpenTelemetryAgent";

	private static final String ENABLED = "otel.javaagent.enabled";

	private static final String CONFIGURATION_FILE = "otel.javaagent.configuration-file";

	private static final JavaAgent current = detect(System::getProperty, System::getenv);

	/** The agent of this JVM, looked up once. */
	public static JavaAgent current() {
		return current;
	}

	static JavaAgent detect(UnaryOperator<@Nullable String> systemProperties,
			UnaryOperator<@Nullable String> environment) {
		if (!isPresent(BOOTSTRAP_CLASS, null)) {
			return new JavaAgent(false, "none");
		}
		return new JavaAgent(isEnabled(systemProperties, environment), agentVersion());
	}

	static boolean isEnabled(UnaryOperator<@Nullable String> systemProperties,
			UnaryOperator<@Nullable String> environment) {
		String enabled = setting(ENABLED, systemProperties, environment);
		if (enabled == null) {
			String file = setting(CONFIGURATION_FILE, systemProperties, environment);
			enabled = (file != null) ? fromFile(file) : null;
		}
		return enabled == null || !enabled.trim().equalsIgnoreCase("false");
	}

	private static @Nullable String setting(String name, UnaryOperator<@Nullable String> systemProperties,
			UnaryOperator<@Nullable String> environment) {
		String value = systemProperties.apply(name);
		return (value != null) ? value
				: environment.apply(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
	}

	private static @Nullable String fromFile(String file) {
		Properties properties = new Properties();
		try (InputStream input = Files.newInputStream(Path.of(file))) {
			properties.load(input);
			return properties.getProperty(ENABLED);
		}
		catch (IOException | RuntimeException ex) {
			// The agent reports an unreadable configuration file itself.
			return null;
		}
	}

	// The agent jar is also on the system class path, where its main class reads its manifest.
	private static String agentVersion() {
		try {
			Package agent = Class.forName(AGENT_CLASS, false, ClassLoader.getSystemClassLoader()).getPackage();
			String version = (agent != null) ? agent.getImplementationVersion() : null;
			return (version != null) ? version : "unknown";
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "unknown";
		}
	}

	private static boolean isPresent(String className, @Nullable ClassLoader classLoader) {
		try {
			Class.forName(className, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
