package dev.tracekit.reliability;

import java.util.concurrent.locks.LockSupport;

import dev.tracekit.autoconfigure.TracekitAutoConfiguration;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.spool.SpoolStatistics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A small traced application run in its own JVM by {@link SpoolRestartTests}, so that it can be
 * killed. Arguments: the OTLP gRPC endpoint, the spool directory, and the number of spans to end
 * (named {@code before-kill}, 1000 a second), 0 for none. It then prints its spool's counters every
 * 100 ms until it is killed.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(TracekitAutoConfiguration.class)
public class SpoolingApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SpoolingApplication.class)
			.web(WebApplicationType.NONE)
			.properties("tracekit.resource.service-name=spooling-application",
					"tracekit.diagnostics.startup-report=false", "tracekit.exporters.collector.endpoint=" + args[0],
					"tracekit.exporters.collector.timeout=2s",
					"tracekit.exporters.collector.processor.schedule-delay=50ms",
					"tracekit.exporters.collector.spool.enabled=true",
					"tracekit.exporters.collector.spool.directory=" + args[1])
			.run();
		Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("spooling-application");
		int spans = Integer.parseInt(args[2]);
		for (int i = 0; i < spans; i++) {
			tracer.spanBuilder("before-kill").startSpan().end();
			LockSupport.parkNanos(1_000_000);
		}
		SpoolStatistics spool = context.getBean(ExportPipelines.class).get("collector").orElseThrow().statistics()
			.spool();
		while (true) {
			System.out.println("spool: spooled " + spool.spooled() + " replayed " + spool.replayed() + " pending "
					+ spool.pendingSpans());
			LockSupport.parkNanos(100_000_000);
		}
	}

}
