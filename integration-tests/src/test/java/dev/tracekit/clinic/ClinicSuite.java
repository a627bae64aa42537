package dev.tracekit.clinic;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * A test suite in the shape of Spring PetClinic's, in a fixed order: a {@code @SpringBootTest}
 * class, a {@code @WebMvcTest} slice with a context of its own, then a class that needs the
 * first context again. Spring's test framework pauses the first context when the slice's starts
 * and restarts it for the third class. Run with and without tracekit on the class path (see this
 * module's pom), to show that tracing works after the restart and costs the suite little time.
 */
@Suite
@SelectClasses({ ClinicApplicationTests.class, OwnerControllerTests.class, ClinicApplicationAgainTests.class })
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default",
		value = "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
class ClinicSuite {

}
