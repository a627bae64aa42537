package dev.tracekit.opentracing;

/**
 * The OpenTracing bridge, configured under {@code tracekit.opentracing.*}.
 */
public class OpenTracingProperties {

	/**
	 * Whether to provide an io.opentracing.Tracer bean backed by tracekit's OpenTelemetry, when
	 * opentracing-api and opentelemetry-opentracing-shim are on the classpath.
	 */
	private boolean enabled = true;

	/**
	 * Whether to register that tracer as OpenTracing's GlobalTracer (once per JVM; while no context
	 * runs it is a no-op tracer), for code that calls GlobalTracer.get().
	 */
	private boolean registerGlobalTracer = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRegisterGlobalTracer() {
		return this.registerGlobalTracer;
	}

	public void setRegisterGlobalTracer(boolean registerGlobalTracer) {
		this.registerGlobalTracer = registerGlobalTracer;
	}

}
