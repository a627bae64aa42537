package dev.tracekit.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * A minimal application, no web server, started once per run by the startup benchmark. When it is
 * ready it prints one line, {@code startup-benchmark run-ms=.. uptime-ms=.. tracing=..}, and halts
 * at once: only starting is measured, and no exporter gets the chance to send anything.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StartupApplication {

	/** Starts with {@code SpringApplication.run} and lasts until {@code ApplicationReadyEvent}. */
	public static void main(String[] args) {
		long start = System.nanoTime();
		SpringApplication application = new SpringApplication(StartupApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(new ReadyReport(start));
		application.run(args);
	}

	private static final class ReadyReport implements ApplicationListener<ApplicationReadyEvent> {

		private final long start;

		ReadyReport(long start) {
			this.start = start;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			double runMillis = (System.nanoTime() - this.start) / 1e6;
			// From the JVM's start: class loading and JIT before main() count too.
			long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
			String tracing = tracing(event.getApplicationContext());
			System.out.println(String.format(Locale.ROOT, "startup-benchmark run-ms=%.1f uptime-ms=%d tracing=%s",
					runMillis, uptimeMillis, tracing));
			System.out.flush();
			Runtime.getRuntime().halt(0);
		}

		private static String tracing(ApplicationContext context) {
			if (!ClassUtils.isPresent("io.opentelemetry.api.OpenTelemetry", StartupApplication.class.getClassLoader())) {
				return "none";
			}
			return TracingCheck.describe(context);
		}

	}

}
