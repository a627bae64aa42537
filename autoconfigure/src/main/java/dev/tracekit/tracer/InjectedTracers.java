package dev.tracekit.tracer;

import java.lang.reflect.Field;
import java.util.function.Supplier;

import dev.tracekit.annotation.TracerName;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InjectionPoint;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Makes the {@link Tracer} for one injection point: named after the class it is injected into, or
 * by {@link TracerName}, with the application's version. The SDK caches tracers by name and
 * version, so every injection into one class shares one tracer.
 */
final class InjectedTracers {

	// Where Spring Boot's Micrometer bridge would define its own Tracer bean, it injects ours.
	private static final String SPRING_BOOT_PACKAGE = "org.springframework.boot.";

	private static final String SPRING_BOOT_SCOPE = "org.springframework.boot";

	private final Supplier<OpenTelemetry> openTelemetry;

	private final Supplier<@Nullable String> version;

	/**
	 * Creates the factory.
	 * @param openTelemetry supplies the OpenTelemetry instance, on first use
	 * @param version supplies the application's version, or {@code null} when it has none; asked once
	 */
	InjectedTracers(Supplier<OpenTelemetry> openTelemetry, Supplier<@Nullable String> version) {
		this.openTelemetry = openTelemetry;
		this.version = SingletonSupplier.ofNullable(version);
	}

	/**
	 * Returns the tracer for an injection point.
	 * @param injectionPoint the field or parameter a tracer is injected into
	 * @return the tracer
	 */
	Tracer tracerFor(InjectionPoint injectionPoint) {
		TracerName tracerName = injectionPoint.getAnnotation(TracerName.class);
		if (tracerName != null) {
			return tracer(tracerName.value(), this.version.get());
		}
		String injectedInto = injectedInto(injectionPoint).getName();
		if (injectedInto.startsWith(SPRING_BOOT_PACKAGE)) {
			// The tracer Spring Boot would have built, so Spring's own spans keep their scope.
			return tracer(SPRING_BOOT_SCOPE, SpringBootVersion.getVersion());
		}
		return tracer(injectedInto, this.version.get());
	}

	private Tracer tracer(String name, @Nullable String version) {
		TracerBuilder builder = this.openTelemetry.get().tracerBuilder(name);
		if (version != null) {
			builder.setInstrumentationVersion(version);
		}
		return builder.build();
	}

	// A parameter's containing class (for an @Autowired method inherited from a superclass, the
	// bean's class), a field's declaring class; never the CGLIB subclass of a configuration class.
	private static Class<?> injectedInto(InjectionPoint injectionPoint) {
		MethodParameter parameter = injectionPoint.getMethodParameter();
		Field field = injectionPoint.getField();
		Class<?> type = (parameter != null) ? parameter.getContainingClass()
				: (field != null) ? field.getDeclaringClass() : Object.class;
		return ClassUtils.getUserClass(type);
	}

}
