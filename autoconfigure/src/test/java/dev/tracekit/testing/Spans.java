package dev.tracekit.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/** Ends spans through a pipeline under test: a fixed number, or until something is seen. */
public final class Spans {

	/** How long {@link #endUntil} keeps ending spans: generous, as CI machines are loaded. */
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private Spans() {
	}

	/** Ends {@code count} spans named {@code span-<i>} through the context's {@code OpenTelemetry}. */
	public static void end(ApplicationContext context, int count) {
		end(context.getBean(OpenTelemetry.class), count);
	}

	/** Ends {@code count} spans named {@code span-<i>}. */
	public static void end(OpenTelemetry openTelemetry, int count) {
		Tracer tracer = openTelemetry.getTracer("test");
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
	}

	/** Keeps ending spans until the condition holds; fails when it does not in time. */
	public static void endUntil(Tracer tracer, BooleanSupplier condition) {
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
			tracer.spanBuilder("work").startSpan().end();
			return condition.getAsBoolean();
		});
	}

}
