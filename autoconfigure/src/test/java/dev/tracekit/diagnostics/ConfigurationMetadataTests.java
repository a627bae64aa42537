package dev.tracekit.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracekit.autoconfigure.TracekitProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code tracekit.*} setting is in the configuration metadata, with its default, and the
 * README's property tables list the same keys and defaults: a setting added to a properties class
 * without metadata or documentation fails here.
 */
class ConfigurationMetadataTests {

	private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`(?: / `[^|]+`)*) \\| ([^|]*) \\|");

	private static final Pattern NAME = Pattern.compile("`([^`]+)`");

	@Test
	void everySettingTheClassesBindIsInTheMetadataAndNothingElse() throws IOException {
		List<String> bound = PropertyNamePatterns.of("tracekit", TracekitProperties.class)
			.patterns()
			.stream()
			.map((pattern) -> pattern.endsWith(".**") ? pattern.substring(0, pattern.length() - 3) : pattern)
			.toList();
		// A map of groups (tracekit.exporters) is one entry of the generated metadata and its members
		// are documented one by one beside it.
		List<String> documented = metadata().keySet()
			.stream()
			.filter((name) -> bound.stream().noneMatch((pattern) -> pattern.startsWith(name + ".*.")))
			.toList();
		assertThat(documented).containsExactlyInAnyOrderElementsOf(bound);
	}

	@Test
	void theReadmeListsEveryKeyWithTheMetadatasDefault() throws IOException {
		Map<String, String> readme = readmeDefaults();
		Map<String, JsonNode> metadata = metadata();
		metadata.keySet().removeIf((name) -> metadata.keySet().stream().anyMatch((other) -> other.startsWith(name + ".*.")));
		assertThat(readme.keySet()).containsExactlyInAnyOrderElementsOf(metadata.keySet());
		Map<String, String> mismatches = new TreeMap<>();
		metadata.forEach((name, property) -> {
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue == null) {
				return;
			}
			String expected = text(defaultValue);
			String documented = readme.get(name);
			Matcher first = NAME.matcher(documented);
			if (!first.find() || !same(first.group(1), expected)) {
				mismatches.put(name, "metadata " + expected + ", README " + documented);
			}
		});
		assertThat(mismatches).isEmpty();
	}

	private static boolean same(String documented, String expected) {
		try {
			return Double.parseDouble(documented) == Double.parseDouble(expected);
		}
		catch (NumberFormatException ex) {
			return documented.equals(expected);
		}
	}

	private static String text(JsonNode value) {
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return String.join(",", items);
		}
		return value.asString();
	}

	/** The metadata's tracekit.* properties by name. */
	private static Map<String, JsonNode> metadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			Map<String, JsonNode> properties = new LinkedHashMap<>();
			JsonMapper.builder().build().readTree(in).get("properties").forEach((property) -> {
				String name = property.get("name").asString();
				if (name.startsWith("tracekit.")) {
					properties.put(name, property);
				}
			});
			return properties;
		}
	}

	/**
	 * The property tables of the README's "Property reference": full names in the first table,
	 * names relative to tracekit.exporters.&lt;name&gt; in the exporters' table.
	 */
	private static Map<String, String> readmeDefaults() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
		Map<String, String> defaults = new LinkedHashMap<>();
		boolean inReference = false;
		String prefix = "";
		for (String line : lines) {
			if (line.startsWith("## ")) {
				inReference = line.equals("## Property reference");
				continue;
			}
			if (!inReference) {
				continue;
			}
			if (line.startsWith("### ")) {
				Matcher group = NAME.matcher(line);
				String heading = group.find() ? group.group(1).replace("<name>", "*") : "";
				prefix = heading.endsWith(".*") ? heading.substring(0, heading.length() - 1) : heading + ".";
				continue;
			}
			Matcher row = ROW.matcher(line);
			if (!row.find()) {
				continue;
			}
			Matcher names = NAME.matcher(row.group(1));
			while (names.find()) {
				String name = names.group(1);
				String full = name.startsWith("tracekit.") ? name : prefix + name;
				defaults.put(full.endsWith(".*") ? full.substring(0, full.length() - 2) : full, row.group(2).strip());
			}
		}
		return defaults;
	}

}
