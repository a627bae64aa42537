package dev.tracekit.export;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * The collector's answer that an OTLP exporter's failure carries: a gRPC status or an HTTP status,
 * with its message.
 *
 * <p>
 * The exporters fail with an exception type of their internal package whose {@code getResponse()}
 * returns the answer. Its type moved between the supported SDK lines (an internal
 * {@code GrpcResponse} and {@code HttpSender.Response} in 1.55, the public
 * {@code io.opentelemetry.sdk.common.export} interfaces in 1.62) and its accessors were renamed, so
 * it is read by reflection, through the declared (public) return type, linking to neither.
 * @param text what the collector answered, such as {@code gRPC status UNAUTHENTICATED (bad key)}
 * @param rejectedCredentials whether the answer refuses the credentials (gRPC
 * {@code UNAUTHENTICATED}/{@code PERMISSION_DENIED}, HTTP 401/403)
 */
record CollectorAnswer(String text, boolean rejectedCredentials) {

	// The gRPC status codes by number, fixed by the gRPC specification; 1.55 gives only the number.
	private static final String[] GRPC_STATUS_NAMES = { "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
			"DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
			"FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
			"DATA_LOSS", "UNAUTHENTICATED" };

	/**
	 * @param failure one exception of an exporter's failure chain
	 * @return the answer it carries, or {@code null} if it carries none
	 */
	static @Nullable CollectorAnswer of(Throwable failure) {
		try {
			Method getResponse = failure.getClass().getMethod("getResponse");
			Object response = getResponse.invoke(failure);
			if (response == null) {
				return null;
			}
			Class<?> type = getResponse.getReturnType();
			// 1.62: getStatusCode(), a GrpcStatusCode or an int; 1.55: grpcStatusValue() or statusCode().
			Object status = call(type, response, "getStatusCode", "grpcStatusValue", "statusCode");
			if (status instanceof Enum<?> || has(type, "grpcStatusValue")) {
				String name = (status instanceof Integer code) ? grpcStatusName(code) : String.valueOf(status);
				Object description = call(type, response, "getStatusDescription", "grpcStatusDescription");
				return new CollectorAnswer("gRPC status " + name + parenthesized(description),
						name.equals("UNAUTHENTICATED") || name.equals("PERMISSION_DENIED"));
			}
			if (status instanceof Integer code) {
				Object message = call(type, response, "getStatusMessage", "statusMessage");
				return new CollectorAnswer("HTTP status " + code + parenthesized(message), code == 401 || code == 403);
			}
			return null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static String grpcStatusName(int code) {
		return (code >= 0 && code < GRPC_STATUS_NAMES.length) ? GRPC_STATUS_NAMES[code] : String.valueOf(code);
	}

	private static boolean has(Class<?> type, String method) {
		try {
			type.getMethod(method);
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	// The first of the named accessors the type has, called; null if it has none.
	private static @Nullable Object call(Class<?> type, Object target, String... names) throws ReflectiveOperationException {
		for (String name : names) {
			if (has(type, name)) {
				return type.getMethod(name).invoke(target);
			}
		}
		return null;
	}

	private static String parenthesized(@Nullable Object message) {
		return (message != null && !message.toString().isBlank()) ? " (" + message + ")" : "";
	}

}
