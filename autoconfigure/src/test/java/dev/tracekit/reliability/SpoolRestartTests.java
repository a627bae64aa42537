package dev.tracekit.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tracekit.testing.OtlpTestReceiver;
import dev.tracekit.testing.OtlpTestReceiver.ReceivedSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application is killed ({@code kill -9}) while its collector is down and its spool holds its
 * spans; started again once the collector is back, it delivers them.
 */
class SpoolRestartTests {

	private static final Pattern COUNTERS = Pattern.compile("spool: spooled (\\d+) replayed (\\d+) pending (\\d+)");

	private static final int SPANS = 3000;

	private final List<Application> applications = new ArrayList<>();

	private OtlpTestReceiver receiver;

	@TempDir
	Path spoolDirectory;

	@AfterEach
	void stop() {
		this.applications.forEach(Application::kill);
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@Test
	void spansSpooledBeforeAKillArriveAfterTheRestart() throws Exception {
		this.receiver = OtlpTestReceiver.start();
		this.receiver.stop();
		Application first = start(SPANS);
		await().atMost(Duration.ofSeconds(90)).until(() -> first.spooled() == SPANS);
		first.kill();
		try (Stream<Path> files = Files.list(this.spoolDirectory)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".spool"))).isNotEmpty();
		}
		this.receiver.restart();
		Application second = start(0);
		await().atMost(Duration.ofSeconds(90)).until(() -> second.replayed() == SPANS);
		List<ReceivedSpan> received = this.receiver.spans();
		Set<String> ids = new HashSet<>();
		received.forEach((span) -> ids.add(span.spanId()));
		assertThat(received).allSatisfy((span) -> assertThat(span.name()).isEqualTo("before-kill"));
		assertThat(ids).as("distinct spans received").hasSize(SPANS);
		assertThat(received).as("spans received").hasSize(SPANS);
		await().atMost(Duration.ofSeconds(10)).until(() -> second.pending() == 0);
		try (Stream<Path> files = Files.list(this.spoolDirectory)) {
			assertThat(files.filter((file) -> !file.getFileName().toString().startsWith("run-"))).isEmpty();
		}
	}

	private Application start(int spans) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				SpoolingApplication.class.getName(), this.receiver.grpcEndpoint(), this.spoolDirectory.toString(),
				Integer.toString(spans))
			.redirectErrorStream(true)
			.start();
		Application application = new Application(process);
		this.applications.add(application);
		return application;
	}

	/** A forked application and the last counters it printed. */
	private static final class Application {

		private final Process process;

		private volatile long spooled;

		private volatile long replayed;

		private volatile long pending = -1;

		Application(Process process) {
			this.process = process;
			Thread reader = new Thread(this::read, "spooling-application-output");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					Matcher matcher = COUNTERS.matcher(line);
					if (matcher.find()) {
						this.spooled = Long.parseLong(matcher.group(1));
						this.replayed = Long.parseLong(matcher.group(2));
						this.pending = Long.parseLong(matcher.group(3));
					}
					else {
						System.out.println("[application] " + line);
					}
				}
			}
			catch (IOException ex) {
				// The process was killed.
			}
		}

		long spooled() {
			assertThat(this.process.isAlive()).as("the application runs").isTrue();
			return this.spooled;
		}

		long replayed() {
			assertThat(this.process.isAlive()).as("the application runs").isTrue();
			return this.replayed;
		}

		long pending() {
			return this.pending;
		}

		/** Kills it as {@code kill -9} does: no shutdown hook runs. */
		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
