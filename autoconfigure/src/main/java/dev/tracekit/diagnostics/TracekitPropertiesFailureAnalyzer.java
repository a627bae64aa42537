package dev.tracekit.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.tracekit.config.ConfigurationValue;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports an invalid {@code tracekit.*} setting: the property as the user wrote it, the value as
 * given (not as converted), where it came from (a file and line, or an environment variable), and
 * what is accepted. Runs before Spring Boot's generic binding analyzers.
 *
 * <p>
 * Internal: public for tracekit's auto-configuration only, not part of its API; it may change in any release.
 */
public final class TracekitPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException>
		implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!cause.getName().toString().startsWith("tracekit")) {
			return null;
		}
		List<Problem> problems = (cause.getCause() instanceof BindValidationException validation)
				? validationProblems(validation) : List.of(conversionProblem(cause));
		StringBuilder description = new StringBuilder("Invalid tracing configuration (tracekit):\n");
		for (Problem problem : problems) {
			description.append('\n').append(problem.describe());
		}
		String properties = problems.stream().map(Problem::property).distinct().collect(Collectors.joining(", "));
		return new FailureAnalysis(description.toString(),
				"Correct " + properties + " as described above. Every tracekit.* property, its default and the"
						+ " OTEL_* variable that sets it are listed in the tracekit README.",
				cause);
	}

	private static List<Problem> validationProblems(BindValidationException validation) {
		var errors = validation.getValidationErrors();
		List<Problem> problems = new ArrayList<>();
		for (ObjectError error : errors.getAllErrors()) {
			if (!(error instanceof FieldError fieldError)) {
				problems.add(new Problem(error.getObjectName(), null, null, String.valueOf(error.getDefaultMessage())));
				continue;
			}
			String name = error.getObjectName() + "." + DataObjectPropertyName.toDashedForm(fieldError.getField());
			ConfigurationProperty bound = find(errors.getBoundProperties(), name);
			Object value = (bound != null) ? bound.getValue() : fieldError.getRejectedValue();
			Origin origin = (bound != null) ? bound.getOrigin() : Origin.from(fieldError);
			problems.add(new Problem(name, value, origin, String.valueOf(fieldError.getDefaultMessage())));
		}
		return problems;
	}

	private static @Nullable ConfigurationProperty find(Iterable<ConfigurationProperty> properties, String name) {
		ConfigurationPropertyName wanted = ConfigurationPropertyName.adapt(name, '.');
		for (ConfigurationProperty property : properties) {
			if (property.getName().equals(wanted)) {
				return property;
			}
		}
		return null;
	}

	private static Problem conversionProblem(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : cause.getName().toString();
		Object value = (property != null) ? property.getValue() : null;
		Origin origin = (property != null) ? property.getOrigin() : null;
		return new Problem(name, value, origin, conversionReason(cause));
	}

	private static String conversionReason(BindException cause) {
		Class<?> enumType = enumType(cause.getTarget().getType());
		if (enumType != null && ConfigurationValue.class.isAssignableFrom(enumType)) {
			String accepted = Arrays.stream(enumType.getEnumConstants())
				.map((constant) -> ((ConfigurationValue) constant).id())
				.collect(Collectors.joining(", "));
			return "is not one of the accepted values: " + accepted;
		}
		Class<?> type = cause.getTarget().getType().resolve();
		if (type == java.time.Duration.class) {
			return "is not a duration; write a number with a unit, e.g. 10s, 500ms or 2m";
		}
		if (type == int.class || type == Integer.class || type == double.class || type == Double.class) {
			return "is not a number";
		}
		Throwable root = cause;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return "cannot be converted to " + cause.getTarget().getType() + ": " + root.getMessage();
	}

	private static @Nullable Class<?> enumType(ResolvableType type) {
		Class<?> resolved = type.resolve();
		if (resolved != null && resolved.isEnum()) {
			return resolved;
		}
		Class<?> element = type.asCollection().resolveGeneric(0);
		return (element != null && element.isEnum()) ? element : null;
	}

	private record Problem(String property, @Nullable Object value, @Nullable Origin origin, String reason) {

		// Header values are credentials; a report names the header, never its value.
		boolean isSecret() {
			return this.property.contains(".headers");
		}

		String describe() {
			StringBuilder text = new StringBuilder();
			text.append("    Property: ").append(this.property).append('\n');
			if (this.value != null) {
				text.append("    Value:    \"").append(isSecret() ? "****" : this.value).append("\"\n");
			}
			if (this.origin != null) {
				text.append("    Origin:   ").append(this.origin).append('\n');
			}
			text.append("    Problem:  ").append(this.reason).append('\n');
			return text.toString();
		}

	}

}
