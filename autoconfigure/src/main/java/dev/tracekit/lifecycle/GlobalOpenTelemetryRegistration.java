package dev.tracekit.lifecycle;

import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Sets {@link GlobalOpenTelemetry} to the context's instance when created and resets it when the
 * context closes, so that a later context in the same JVM (a test, a DevTools restart) registers
 * cleanly. It never resets a global it did not set.
 */
public final class GlobalOpenTelemetryRegistration implements DisposableBean {

	private static final Log logger = LogFactory.getLog(GlobalOpenTelemetryRegistration.class);

	// What this class registered, across contexts: a context resets the global only if it is its own.
	private static final AtomicReference<@Nullable OpenTelemetry> registered = new AtomicReference<>();

	private final OpenTelemetry openTelemetry;

	private final boolean registeredHere;

	public GlobalOpenTelemetryRegistration(OpenTelemetry openTelemetry) {
		this.openTelemetry = openTelemetry;
		this.registeredHere = register(openTelemetry);
	}

	private static boolean register(OpenTelemetry openTelemetry) {
		try {
			GlobalOpenTelemetry.set(openTelemetry);
			registered.set(openTelemetry);
			return true;
		}
		catch (IllegalStateException ex) {
			Throwable firstCaller = ex.getCause();
			logger.warn("tracekit: GlobalOpenTelemetry was already set or read before tracekit could register,"
					+ " so code that uses GlobalOpenTelemetry does not trace through tracekit. Inject the"
					+ " OpenTelemetry bean instead, make sure nothing reads GlobalOpenTelemetry before the"
					+ " application context starts, or set tracekit.register-global=false to silence this."
					+ ((firstCaller != null) ? " The earlier call is attached." : ""), firstCaller);
			return false;
		}
	}

	/** Whether this context's instance is the global one. */
	public boolean isRegistered() {
		return this.registeredHere;
	}

	@Override
	public void destroy() {
		if (this.registeredHere && registered.compareAndSet(this.openTelemetry, null)) {
			GlobalOpenTelemetry.resetForTest();
		}
	}

}
