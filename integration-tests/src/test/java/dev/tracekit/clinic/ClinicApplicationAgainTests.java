package dev.tracekit.clinic;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Needs the first class's context again, after the slice test: Spring restarts the paused context.
 * With tracekit, requests are traced and exported after the restart as before it.
 */
@Order(3)
class ClinicApplicationAgainTests extends ClinicApplicationTests {

	@Test
	void runsAgainstTheFirstClassesContextRestarted() {
		assertThat(contextsUsed).containsExactly(this.context);
		assertThat(((ConfigurableApplicationContext) this.context).isRunning()).isTrue();
	}

	@Test
	@EnabledIf("tracekitPresent")
	@Tag(TRACING_CHECK)
	void withTracekitSpansAreExportedAfterTheContextWasPausedAndRestarted() throws Exception {
		assertThat(get("/owners/404404").statusCode()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(collector.spans())
				.anySatisfy((span) -> assertThat(span.attributes()).containsEntry("url.path", "/owners/404404")));
	}

}
