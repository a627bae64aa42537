package dev.tracekit.export;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.opentelemetry.common.ComponentLoader;
import org.jspecify.annotations.Nullable;

/**
 * What one OTLP exporter's builder loads its sender through ({@code setComponentLoader}): the one
 * sender provider configured for this exporter, whatever else is on the class path, wrapped so that
 * the collector's answers are read for partial success.
 *
 * <p>
 * Left to itself, the SDK picks the sender provider found on the class path, and when there are
 * several, the one a JVM-wide system property names (or the first found, with a warning). The
 * builders load it through a {@link ComponentLoader}, which both supported SDK lines let a caller
 * set per exporter; this one answers with the chosen provider alone, so each exporter can use
 * another sender and no system property is touched.
 *
 * <p>
 * The SDK's exporters complete an export on the answer's status only and never read its body, where
 * a collector reports spans it refused ({@link PartialSuccess}). The provider is therefore handed
 * out behind a {@link Proxy} that wraps each sender it creates, and each sender's answer callback
 * reads the body first. The sender SPI differs between the supported SDK lines (internal interfaces
 * in 1.55, {@code io.opentelemetry.sdk.common.export} in 1.62), so the wrapping implements whichever
 * interface the SDK asks for and reads the answer by reflection:
 * <ul>
 * <li>HTTP: {@code responseBody()} (1.55) or {@code getResponseBody()} (1.62) of a 2xx answer;</li>
 * <li>gRPC: {@code getResponseMessage()} of an {@code OK} answer (1.62 only: the 1.55 gRPC answer
 * carries no message, so partial success over gRPC is not seen there).</li>
 * </ul>
 */
final class OtlpSenderLoader implements ComponentLoader {

	private final String exporterName;

	private final OtlpSender sender;

	private final OtlpProtocol protocol;

	private final ComponentLoader classPath;

	OtlpSenderLoader(String exporterName, OtlpSender sender, OtlpProtocol protocol, ClassLoader classLoader) {
		this.exporterName = exporterName;
		this.sender = sender;
		this.protocol = protocol;
		this.classPath = ComponentLoader.forClassLoader(classLoader);
	}

	@Override
	public <T> Iterable<T> load(Class<T> spiClass) {
		Iterable<T> found = this.classPath.load(spiClass);
		if (!isSenderProvider(spiClass)) {
			return found;
		}
		String wanted = this.sender.providerClassName(this.protocol);
		List<String> present = new ArrayList<>();
		for (T provider : found) {
			if (provider.getClass().getName().equals(wanted)) {
				return List.of(spiClass.cast(observed(spiClass, provider)));
			}
			present.add(provider.getClass().getName());
		}
		throw new IllegalStateException("tracekit.exporters." + this.exporterName + ".sender=" + this.sender.id()
				+ ": the sender is not on the class path; add " + this.sender.artifact()
				+ " (at the OpenTelemetry version of the other io.opentelemetry modules) or choose another sender"
				+ (present.isEmpty() ? "" : "; found " + present));
	}

	/** Whether the SDK loads a sender provider with this interface (either SDK line's). */
	static boolean isSenderProvider(Class<?> spiClass) {
		return spiClass.isInterface() && (spiClass.getSimpleName().equals("HttpSenderProvider")
				|| spiClass.getSimpleName().equals("GrpcSenderProvider"));
	}

	private static Object observed(Class<?> providerType, Object provider) {
		return proxy(providerType, provider, (method, args) -> {
			Object created = invoke(method, provider, args);
			if (created != null && method.getName().equals("createSender") && method.getReturnType().isInterface()) {
				Object sender = created;
				return proxy(method.getReturnType(), sender, (senderMethod, senderArgs) -> invoke(senderMethod, sender,
						senderMethod.getName().equals("send") ? withAnswerReading(senderArgs) : senderArgs));
			}
			return created;
		});
	}

	// The first Consumer among send's arguments takes the answer, the second the error (both lines).
	@SuppressWarnings("unchecked")
	private static @Nullable Object @Nullable [] withAnswerReading(@Nullable Object @Nullable [] args) {
		CollectorResponses.Answer answer = CollectorResponses.current();
		if (args == null || answer == null) {
			return args;
		}
		Object[] wrapped = args.clone();
		for (int i = 0; i < wrapped.length; i++) {
			if (wrapped[i] instanceof Consumer<?> onResponse) {
				Consumer<Object> original = (Consumer<Object>) onResponse;
				wrapped[i] = (Consumer<Object>) (response) -> {
					// Kept if null: a channel tracekit built may have read the answer already (grpc-java).
					PartialSuccess partialSuccess = readPartialSuccess(response);
					if (partialSuccess != null) {
						answer.partialSuccess(partialSuccess);
					}
					original.accept(response);
				};
				break;
			}
		}
		return wrapped;
	}

	/** The partial success in a successful answer of either SDK line, or null. */
	static @Nullable PartialSuccess readPartialSuccess(@Nullable Object response) {
		if (response == null) {
			return null;
		}
		try {
			Object status = call(response, "getStatusCode", "statusCode", "grpcStatusValue");
			boolean success = (status instanceof Integer code) ? (code >= 200 && code < 300)
					: (status != null && status.toString().equals("OK"));
			if (!success) {
				return null;
			}
			Object body = call(response, "getResponseBody", "responseBody", "getResponseMessage");
			return (body instanceof byte[] bytes) ? PartialSuccess.parse(bytes) : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	// The first of the named public accessors the answer has, called; null if it has none.
	private static @Nullable Object call(Object target, String... names) throws ReflectiveOperationException {
		for (String name : names) {
			Method method = publicMethod(target.getClass(), name);
			if (method != null) {
				return method.invoke(target);
			}
		}
		return null;
	}

	// Through a public interface, as the answer classes themselves may not be public.
	private static @Nullable Method publicMethod(Class<?> type, String name) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			for (Class<?> contract : candidate.getInterfaces()) {
				try {
					return contract.getMethod(name);
				}
				catch (NoSuchMethodException ex) {
					// next
				}
			}
			if (java.lang.reflect.Modifier.isPublic(candidate.getModifiers())) {
				try {
					return candidate.getMethod(name);
				}
				catch (NoSuchMethodException ex) {
					// next
				}
			}
		}
		return null;
	}

	private interface Call {

		@Nullable Object call(Method method, @Nullable Object @Nullable [] args) throws Throwable;

	}

	private static Object proxy(Class<?> type, Object target, Call call) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == ((args != null) ? args[0] : null);
					case "hashCode" -> System.identityHashCode(proxy);
					default -> target.toString();
				};
			}
			return call.call(method, args);
		};
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static @Nullable Object invoke(Method method, Object target, @Nullable Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@Override
	public String toString() {
		return "OtlpSenderLoader{" + this.exporterName + ": " + this.sender.id() + "}";
	}

}
