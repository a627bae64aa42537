package dev.tracekit.config;

import java.util.List;

import org.springframework.validation.Errors;

/**
 * A group of {@code tracekit.*} settings that knows its own rules. Spring Boot hands each group to
 * the validator as it binds it, so a rejection names a field of the group being bound, which is how
 * Spring Boot finds the property's origin (file and line, or environment variable) for its report.
 */
public interface ValidatedProperties {

	/**
	 * Rejects each invalid value by its field name, with a message that says what is accepted.
	 * @param errors where rejections go
	 */
	void validate(Errors errors);

	/**
	 * Settings that are valid but very likely a mistake, logged at startup.
	 * @param prefix the group's property prefix, such as {@code tracekit.exporters.main}
	 * @return the warnings, none by default
	 */
	default List<ConfigurationWarning> warnings(String prefix) {
		return List.of();
	}

}
