package dev.tracekit.sample;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal traced application: it records a small trace at startup and prints it on the console. */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	ApplicationRunner demoTrace(OpenTelemetry openTelemetry) {
		return (args) -> {
			Tracer tracer = openTelemetry.getTracer("dev.tracekit.sample");
			Span parent = tracer.spanBuilder("demo").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				tracer.spanBuilder("demo-step").startSpan().end();
			}
			finally {
				parent.end();
			}
		};
	}

}
