package dev.tracekit.resource;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The layers of the resource: detectors, then attributes, then the named settings, then user resources. */
class ResourceFactoryTests {

	@Test
	void namedSettingsWinOverAttributesAndUserResourcesWinOverBoth() {
		ResourceProperties properties = new ResourceProperties();
		properties.setServiceName("checkout");
		properties.setAttributes(Map.of("service.name", "ignored", "team", "payments", "region", "eu"));
		Resource user = Resource.create(Attributes.of(AttributeKey.stringKey("region"), "us"));
		Resource resource = ResourceFactory.create(properties, "application-name", () -> "1.2.3", List.of(user));
		assertThat(resource.getAttribute(ResourceFactory.SERVICE_NAME)).isEqualTo("checkout");
		assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("payments");
		assertThat(resource.getAttribute(AttributeKey.stringKey("region"))).isEqualTo("us");
		assertThat(resource.getAttribute(ResourceFactory.SERVICE_VERSION)).isEqualTo("1.2.3");
	}

	@Test
	void theServiceNameFallsBackToTheAttributeThenTheApplicationNameThenUnknownService() {
		ResourceProperties properties = new ResourceProperties();
		assertThat(serviceName(properties, "orders")).isEqualTo("orders");
		assertThat(serviceName(properties, null)).isEqualTo(ResourceFactory.UNKNOWN_SERVICE_NAME);
		properties.setAttributes(Map.of("service.name", "from-attributes"));
		assertThat(serviceName(properties, "orders")).isEqualTo("from-attributes");
	}

	@Test
	void anEmptyAttributeIsLeftOutAsTheSdkDoes() {
		ResourceProperties properties = new ResourceProperties();
		properties.setAttributes(Map.of("team", "", "tier", "gold"));
		Resource resource = ResourceFactory.create(properties, "app", () -> null, List.of());
		assertThat(resource.getAttributes().asMap()).containsKey(AttributeKey.stringKey("tier"))
			.doesNotContainKey(AttributeKey.stringKey("team"));
		assertThat(properties.warnings("tracekit.resource")).singleElement()
			.satisfies((warning) -> assertThat(warning.message()).contains("tracekit.resource.attributes.team is empty"));
	}

	@Test
	void theProcessCommandLineIsNeverPartOfTheResource() {
		Resource resource = ResourceFactory.create(new ResourceProperties(), "app", () -> null, List.of());
		assertThat(resource.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.contains("process.pid", "host.name", "os.type", "process.runtime.name", "telemetry.sdk.name")
			.doesNotContain("process.command_line", "process.command_args", "process.command");
	}

	@Test
	void detectorsCanBeSwitchedOffOneByOne() {
		ResourceProperties properties = new ResourceProperties();
		properties.getDetectors().setHost(false);
		properties.getDetectors().setProcess(false);
		Resource resource = ResourceFactory.create(properties, "app", () -> null, List.of());
		assertThat(resource.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.doesNotContain("host.name", "process.pid")
			.contains("os.type");
	}

	private static String serviceName(ResourceProperties properties, String applicationName) {
		return ResourceFactory.create(properties, applicationName, () -> null, List.of())
			.getAttribute(ResourceFactory.SERVICE_NAME);
	}

}
