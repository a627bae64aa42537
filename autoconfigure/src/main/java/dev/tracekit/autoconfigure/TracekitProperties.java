package dev.tracekit.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.tracekit.actuate.ActuatorProperties;
import dev.tracekit.agent.JavaAgentProperties;
import dev.tracekit.config.ConfigurationWarning;
import dev.tracekit.config.ValidatedProperties;
import dev.tracekit.config.ValueRules;
import dev.tracekit.diagnostics.DiagnosticsProperties;
import dev.tracekit.export.ExporterProperties;
import dev.tracekit.export.ExporterType;
import dev.tracekit.http.HttpInstrumentationProperties;
import dev.tracekit.lifecycle.LifecycleProperties;
import dev.tracekit.limits.SpanLimitsProperties;
import dev.tracekit.opentracing.OpenTracingProperties;
import dev.tracekit.propagation.PropagatorList;
import dev.tracekit.propagation.PropagatorType;
import dev.tracekit.resource.ResourceProperties;
import dev.tracekit.sampling.SamplerProperties;
import dev.tracekit.traced.TracedProperties;
import dev.tracekit.viewer.TraceViewerProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The whole tracing pipeline, configured under {@code tracekit.*}: it composes the settings of each
 * concern, which live in the concern's package and check their own values, and holds the rules that
 * span groups. Defaults equal the OpenTelemetry SDK's unless the README says otherwise.
 *
 * <p>
 * Spring Boot applies it as a {@link Validator} to itself and to each group as it binds them, so an
 * invalid value fails startup with a report naming the property, its value and its origin.
 */
@ConfigurationProperties("tracekit")
public class TracekitProperties implements Validator {

	/** The exporter built when {@code tracekit.exporters} is empty. */
	public static final String DEFAULT_EXPORTER_NAME = "otlp";

	/**
	 * Whether tracekit builds the OpenTelemetry SDK. When false the context gets a no-op
	 * OpenTelemetry: no SDK, no threads, no exporter.
	 */
	private boolean enabled = true;

	/**
	 * Whether to register the OpenTelemetry instance as GlobalOpenTelemetry while the context
	 * runs. It is reset when the context closes, so a later context can register again.
	 */
	private boolean registerGlobal = true;

	// The groups have setters, as Spring Boot's own nested groups do, so that /actuator/configprops
	// shows them: it lists a nested object of another package only when it can be set.
	@NestedConfigurationProperty
	private ResourceProperties resource = new ResourceProperties();

	@NestedConfigurationProperty
	private SamplerProperties sampler = new SamplerProperties();

	@NestedConfigurationProperty
	private SpanLimitsProperties limits = new SpanLimitsProperties();

	/**
	 * Exporters by name; each gets its own span processor. When empty, one OTLP exporter named
	 * "otlp" with default settings is built.
	 */
	private Map<String, ExporterProperties> exporters = new LinkedHashMap<>();

	/**
	 * Context propagators, in the order they inject and extract. Empty entries and duplicates are
	 * ignored; an empty list means the default.
	 */
	private List<PropagatorType> propagators = new ArrayList<>(PropagatorList.DEFAULT);

	@NestedConfigurationProperty
	private LifecycleProperties lifecycle = new LifecycleProperties();

	@NestedConfigurationProperty
	private DiagnosticsProperties diagnostics = new DiagnosticsProperties();

	@NestedConfigurationProperty
	private TracedProperties annotations = new TracedProperties();

	@NestedConfigurationProperty
	private ActuatorProperties actuator = new ActuatorProperties();

	@NestedConfigurationProperty
	private JavaAgentProperties agent = new JavaAgentProperties();

	@NestedConfigurationProperty
	private OpenTracingProperties opentracing = new OpenTracingProperties();

	private Instrumentation instrumentation = new Instrumentation();

	@NestedConfigurationProperty
	private TraceViewerProperties viewer = new TraceViewerProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRegisterGlobal() {
		return this.registerGlobal;
	}

	public void setRegisterGlobal(boolean registerGlobal) {
		this.registerGlobal = registerGlobal;
	}

	public ResourceProperties getResource() {
		return this.resource;
	}

	public void setResource(ResourceProperties resource) {
		this.resource = resource;
	}

	public SamplerProperties getSampler() {
		return this.sampler;
	}

	public void setSampler(SamplerProperties sampler) {
		this.sampler = sampler;
	}

	public SpanLimitsProperties getLimits() {
		return this.limits;
	}

	public void setLimits(SpanLimitsProperties limits) {
		this.limits = limits;
	}

	public Map<String, ExporterProperties> getExporters() {
		return this.exporters;
	}

	public void setExporters(Map<String, ExporterProperties> exporters) {
		this.exporters = exporters;
	}

	/** The enabled exporters, or the single default OTLP exporter when none is configured. */
	public Map<String, ExporterProperties> effectiveExporters() {
		if (this.exporters.isEmpty()) {
			return Map.of(DEFAULT_EXPORTER_NAME, new ExporterProperties());
		}
		Map<String, ExporterProperties> enabled = new LinkedHashMap<>();
		this.exporters.forEach((name, exporter) -> {
			if (exporter.isEnabled()) {
				enabled.put(name, exporter);
			}
		});
		return enabled;
	}

	public List<PropagatorType> getPropagators() {
		return this.propagators;
	}

	public void setPropagators(List<@Nullable PropagatorType> propagators) {
		this.propagators = PropagatorList.normalize(propagators);
	}

	public LifecycleProperties getLifecycle() {
		return this.lifecycle;
	}

	public void setLifecycle(LifecycleProperties lifecycle) {
		this.lifecycle = lifecycle;
	}

	public DiagnosticsProperties getDiagnostics() {
		return this.diagnostics;
	}

	public void setDiagnostics(DiagnosticsProperties diagnostics) {
		this.diagnostics = diagnostics;
	}

	public TracedProperties getAnnotations() {
		return this.annotations;
	}

	public void setAnnotations(TracedProperties annotations) {
		this.annotations = annotations;
	}

	public ActuatorProperties getActuator() {
		return this.actuator;
	}

	public void setActuator(ActuatorProperties actuator) {
		this.actuator = actuator;
	}

	public TraceViewerProperties getViewer() {
		return this.viewer;
	}

	public void setViewer(TraceViewerProperties viewer) {
		this.viewer = viewer;
	}

	public JavaAgentProperties getAgent() {
		return this.agent;
	}

	public void setAgent(JavaAgentProperties agent) {
		this.agent = agent;
	}

	public OpenTracingProperties getOpentracing() {
		return this.opentracing;
	}

	public void setOpentracing(OpenTracingProperties opentracing) {
		this.opentracing = opentracing;
	}

	public Instrumentation getInstrumentation() {
		return this.instrumentation;
	}

	public void setInstrumentation(Instrumentation instrumentation) {
		this.instrumentation = instrumentation;
	}

	@Override
	public boolean supports(Class<?> type) {
		return type == TracekitProperties.class || ValidatedProperties.class.isAssignableFrom(type);
	}

	// Each group is handed over as Spring Boot binds it, so its rejections name its own fields.
	@Override
	public void validate(Object target, Errors errors) {
		if (target instanceof TracekitProperties properties) {
			properties.validateAcrossGroups(errors);
		}
		else if (target instanceof ValidatedProperties group) {
			group.validate(errors);
		}
	}

	private void validateAcrossGroups(Errors errors) {
		String propagatorProblem = PropagatorList.problem(this.propagators);
		if (propagatorProblem != null) {
			ValueRules.reject(errors, "propagators", propagatorProblem);
		}
		Map<String, ExporterProperties> exporters = effectiveExporters();
		if (exporters.size() > 1) {
			exporters.forEach((name, exporter) -> {
				if (exporter.getType() == ExporterType.NONE) {
					ValueRules.reject(errors, "exporters." + name + ".type",
							"'none' cannot be combined with other exporters; remove it or remove the others");
				}
			});
		}
	}

	/** Settings that are valid but very likely a mistake, less those acknowledged. */
	public List<ConfigurationWarning> warnings() {
		return warnings((name) -> true);
	}

	/**
	 * Settings that are valid but very likely a mistake, less those acknowledged.
	 * @param exporterBuilt whether the exporter of a name is built: one that is not (a network
	 * exporter in a test) gets no warning
	 * @return the warnings
	 */
	public List<ConfigurationWarning> warnings(Predicate<String> exporterBuilt) {
		List<ConfigurationWarning> warnings = new ArrayList<>();
		warnings.addAll(this.resource.warnings("tracekit.resource"));
		warnings.addAll(this.sampler.warnings("tracekit.sampler"));
		effectiveExporters().forEach((name, exporter) -> {
			if (exporterBuilt.test(name)) {
				warnings.addAll(exporter.warnings("tracekit.exporters." + name));
			}
		});
		warnings.addAll(PropagatorList.warnings(this.propagators, "tracekit.propagators"));
		warnings.removeIf((warning) -> this.diagnostics.getAcknowledgedWarnings().contains(warning.id()));
		return warnings;
	}

	/** The spans of Spring's own instrumentation: {@code tracekit.instrumentation.*}. */
	public static class Instrumentation {

		@NestedConfigurationProperty
		private HttpInstrumentationProperties http = new HttpInstrumentationProperties();

		public HttpInstrumentationProperties getHttp() {
			return this.http;
		}

		public void setHttp(HttpInstrumentationProperties http) {
			this.http = http;
		}

	}

}
