package dev.tracekit.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.tracekit.diagnostics.DistinctWarnings;
import dev.tracekit.export.ExportPipelines;
import dev.tracekit.lifecycle.GlobalOpenTelemetryRegistration;
import dev.tracekit.lifecycle.TracerProviderLifecycle;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bean graph: what tracekit builds, and how user beans replace or join it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracekitAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
		.withPropertyValues("tracekit.exporters.memory.type=none", "tracekit.resource.service-name=test");

	@Test
	void buildsTheWholePipeline() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(Resource.class)
			.hasSingleBean(Sampler.class)
			.hasSingleBean(SpanLimits.class)
			.hasSingleBean(IdGenerator.class)
			.hasSingleBean(ExportPipelines.class)
			.hasSingleBean(SdkTracerProvider.class)
			.hasSingleBean(ContextPropagators.class)
			.hasSingleBean(OpenTelemetry.class)
			.hasSingleBean(TracerProviderLifecycle.class)
			.hasSingleBean(GlobalOpenTelemetryRegistration.class));
	}

	@Test
	void defaultsEqualTheSdkDefaults() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.run((context) -> {
				assertThat(context.getBean(SpanLimits.class)).isEqualTo(SpanLimits.getDefault());
				assertThat(context.getBean(Sampler.class).getDescription())
					.isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).getDescription());
				assertThat(context.getBean(ExportPipelines.class).all()).singleElement()
					.satisfies((pipeline) -> assertThat(pipeline.description())
						.isEqualTo("otlp grpc http://localhost:4317, batch, 4 exports at once"));
			});
	}

	@Test
	void theServiceVersionFallsBackToBuildInfo() {
		java.util.Properties build = new java.util.Properties();
		build.setProperty("version", "3.1.4");
		this.runner.withBean(BuildProperties.class, () -> new BuildProperties(build))
			.run((context) -> assertThat(context.getBean(Resource.class)
				.getAttribute(AttributeKey.stringKey("service.version"))).isEqualTo("3.1.4"));
		this.runner.withBean(BuildProperties.class, () -> new BuildProperties(build))
			.withPropertyValues("tracekit.resource.service-version=9.9")
			.run((context) -> assertThat(context.getBean(Resource.class)
				.getAttribute(AttributeKey.stringKey("service.version"))).isEqualTo("9.9"));
	}

	@Test
	void noServiceNameAnywhereIsWarnedAbout(CapturedOutput output) {
		DistinctWarnings.forget();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.memory.type=none")
			.run((context) -> assertThat(output).contains("no service name is configured")
				.contains("Set tracekit.resource.service-name (or spring.application.name, or OTEL_SERVICE_NAME)"));
	}

	@Test
	void theServiceNameFallsBackToTheApplicationNameThenToUnknownService() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.memory.type=none", "spring.application.name=orders")
			.run((context) -> assertThat(serviceName(context.getBean(Resource.class))).isEqualTo("orders"));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.exporters.memory.type=none")
			.run((context) -> assertThat(serviceName(context.getBean(Resource.class)))
				.isEqualTo("unknown_service:java"));
	}

	@Test
	void detectorsCanBeSwitchedOff() {
		this.runner
			.withPropertyValues("tracekit.resource.detectors.host=false", "tracekit.resource.detectors.os=false",
					"tracekit.resource.detectors.process=false", "tracekit.resource.detectors.process-runtime=false",
					"tracekit.resource.detectors.telemetry-sdk=false")
			.run((context) -> assertThat(context.getBean(Resource.class).getAttributes().asMap().keySet())
				.extracting(AttributeKey::getKey)
				.containsExactlyInAnyOrder("service.name", "service.instance.id"));
	}

	@Test
	void theInstanceIdIsOneRandomUuidPerProcess() {
		this.runner.run((first) -> this.runner.run((second) -> {
			String id = first.getBean(Resource.class).getAttribute(AttributeKey.stringKey("service.instance.id"));
			assertThat(id).matches("[0-9a-f-]{36}");
			assertThat(second.getBean(Resource.class).getAttribute(AttributeKey.stringKey("service.instance.id")))
				.isEqualTo(id);
		}));
	}

	@Test
	void disabledGivesANoopOpenTelemetryWithoutSdkOrThreads() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withPropertyValues("tracekit.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(OpenTelemetry.class)
					.doesNotHaveBean(SdkTracerProvider.class)
					.doesNotHaveBean(ExportPipelines.class)
					.doesNotHaveBean(TracerProviderLifecycle.class);
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				assertThat(openTelemetry).isNotInstanceOf(OpenTelemetrySdk.class);
				assertThat(openTelemetry.getTracer("test").spanBuilder("nothing").startSpan().isRecording()).isFalse();
				// Nothing is recorded, but incoming context still reaches outgoing calls, as with the SDK.
				String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
				Context incoming = openTelemetry.getPropagators()
					.getTextMapPropagator()
					.extract(Context.root(), Map.of("traceparent", traceparent), MAP_GETTER);
				Map<String, String> outgoing = new HashMap<>();
				openTelemetry.getPropagators().getTextMapPropagator().inject(incoming, outgoing, Map::put);
				assertThat(outgoing).containsEntry("traceparent", traceparent);
				List<String> newThreads = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((thread) -> !before.contains(thread))
					.map(Thread::getName)
					.toList();
				assertThat(newThreads).noneMatch((name) -> name.contains("BatchSpanProcessor")
						|| name.contains("OkHttp") || name.contains("otel"));
			});
	}

	@Test
	void enabledStartsTheBatchWorkerThread() {
		// The counterpart of the test above: the thread it looks for does exist when enabled.
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.run((context) -> assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.anyMatch((name) -> name.contains("BatchSpanProcessor")));
	}

	@Test
	void withoutTheSdkOnTheClasspathNothingIsBuilt() {
		this.runner.withClassLoader(new FilteredClassLoader(SdkTracerProvider.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OpenTelemetry.class));
	}

	@Test
	void userSamplerSpanLimitsAndIdGeneratorWin() {
		this.runner.withUserConfiguration(UserProviderParts.class).run((context) -> {
			assertThat(context).hasSingleBean(Sampler.class).hasSingleBean(SpanLimits.class).hasSingleBean(IdGenerator.class);
			SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
			assertThat(provider.getSampler()).isSameAs(UserProviderParts.SAMPLER);
			assertThat(provider.getSpanLimits()).isSameAs(UserProviderParts.LIMITS);
			var span = provider.get("test").spanBuilder("x").startSpan();
			assertThat(span.getSpanContext().getSpanId()).isEqualTo("00000000000000ab");
			span.end();
		});
	}

	@Test
	void userResourceBeansAreMergedOverOurs() {
		this.runner.withUserConfiguration(UserResource.class).run((context) -> {
			Resource resource = context.getBean(Resource.class);
			assertThat(resource.getAttribute(AttributeKey.stringKey("k8s.pod.name"))).isEqualTo("pod-1");
			assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("test");
			assertThat(resource.getAttribute(AttributeKey.stringKey("telemetry.sdk.language"))).isEqualTo("java");
		});
	}

	@Test
	void userExportersAndProcessorsJoinThePipeline() {
		this.runner.withUserConfiguration(UserExportAndProcessor.class).run((context) -> {
			assertThat(context.getBean(ExportPipelines.class).get("memoryExporter")).isPresent();
			context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("joined").startSpan().end();
			context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).extracting(SpanData::getName)
				.containsExactly("joined");
			assertThat(context.getBean(RecordingProcessor.class).ended).containsExactly("joined");
		});
	}

	@Test
	void aCustomizerReachesTheBuilder() {
		this.runner.withBean(TracerProviderCustomizer.class,
				() -> (builder) -> builder.addResource(Resource.create(Attributes.of(AttributeKey.stringKey("custom"), "yes"))))
			.run((context) -> {
				SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
				assertThat(provider.toString()).contains("custom=\"yes\"");
			});
	}

	@Test
	void userPropagatorsJoinTheConfiguredOnes() {
		this.runner.withBean("customPropagator", TextMapPropagator.class, CustomPropagator::new)
			.run((context) -> assertThat(
					context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.containsExactly("traceparent", "tracestate", "baggage", "x-custom"));
	}

	@Test
	void userOpenTelemetryAndTracerProviderReplaceOurs() {
		SdkTracerProvider userProvider = SdkTracerProvider.builder().build();
		OpenTelemetry userOpenTelemetry = OpenTelemetrySdk.builder().setTracerProvider(userProvider).build();
		this.runner.withBean(SdkTracerProvider.class, () -> userProvider)
			.withBean(OpenTelemetry.class, () -> userOpenTelemetry)
			.run((context) -> {
				assertThat(context.getBean(OpenTelemetry.class)).isSameAs(userOpenTelemetry);
				assertThat(context.getBean(SdkTracerProvider.class)).isSameAs(userProvider);
				// Our exporters would idle beside a provider that does not use them.
				assertThat(context).doesNotHaveBean(ExportPipelines.class);
			});
	}

	@Test
	void anApplicationsOwnOpenTelemetryAloneMeansNoPipelineOfOursAndTheReportSaysSo(CapturedOutput output) {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		OpenTelemetry userOpenTelemetry = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder().build())
			.build();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracekitAutoConfiguration.class))
			.withBean("applicationOpenTelemetry", OpenTelemetry.class, () -> userOpenTelemetry)
			.withPropertyValues("tracekit.exporters.vendor.endpoint=http://collector:4317")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(OpenTelemetry.class)).isSameAs(userOpenTelemetry);
				assertThat(context).doesNotHaveBean(SdkTracerProvider.class)
					.doesNotHaveBean(ExportPipelines.class)
					.doesNotHaveBean(TracerProviderLifecycle.class)
					.doesNotHaveBean(GlobalOpenTelemetryRegistration.class);
				assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> !before.contains(thread))
					.extracting(Thread::getName)
					.noneMatch((name) -> name.contains("BatchSpanProcessor") || name.contains("OkHttp"));
			});
		assertThat(output).contains("the application provides OpenTelemetry (bean [applicationOpenTelemetry]),"
				+ " so tracekit builds no pipeline of its own")
			.contains("tracekit.exporters has no effect")
			.doesNotContain("tracekit: tracing pipeline");
	}

	private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private static @Nullable String serviceName(Resource resource) {
		return resource.getAttribute(AttributeKey.stringKey("service.name"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserProviderParts {

		static final Sampler SAMPLER = Sampler.alwaysOn();

		static final SpanLimits LIMITS = SpanLimits.builder().setMaxNumberOfEvents(3).build();

		@Bean
		Sampler userSampler() {
			return SAMPLER;
		}

		@Bean
		SpanLimits userLimits() {
			return LIMITS;
		}

		@Bean
		IdGenerator userIdGenerator() {
			return new IdGenerator() {
				@Override
				public String generateSpanId() {
					return "00000000000000ab";
				}

				@Override
				public String generateTraceId() {
					return "0000000000000000000000000000abcd";
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserResource {

		@Bean
		Resource podResource() {
			return Resource.create(Attributes.of(AttributeKey.stringKey("k8s.pod.name"), "pod-1"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExportAndProcessor {

		@Bean
		InMemorySpanExporter memoryExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		RecordingProcessor recordingProcessor() {
			return new RecordingProcessor();
		}

	}

	static class RecordingProcessor implements SpanProcessor {

		final List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.ended.add(span.getName());
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

	static class CustomPropagator implements TextMapPropagator {

		@Override
		public java.util.Collection<String> fields() {
			return List.of("x-custom");
		}

		@Override
		public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		}

		@Override
		public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
			return context;
		}

	}

}
