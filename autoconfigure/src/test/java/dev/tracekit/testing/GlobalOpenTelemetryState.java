package dev.tracekit.testing;

import java.lang.reflect.Field;

import io.opentelemetry.api.GlobalOpenTelemetry;

/**
 * Whether {@link GlobalOpenTelemetry} is set, without setting it as {@code get()} would.
 * {@code GlobalOpenTelemetry.isSet()} is newer than OpenTelemetry 1.55; these tests run on 1.55
 * (Spring Boot 4.0) too, so the field both lines keep is read.
 */
public final class GlobalOpenTelemetryState {

	private GlobalOpenTelemetryState() {
	}

	public static boolean isSet() {
		try {
			Field global = GlobalOpenTelemetry.class.getDeclaredField("globalOpenTelemetry");
			global.setAccessible(true);
			return global.get(null) != null;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("GlobalOpenTelemetry's state cannot be read", ex);
		}
	}

}
