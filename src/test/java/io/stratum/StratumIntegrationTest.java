package io.stratum;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A whole Stratum server on a random port with a fresh in-memory database ({@code test} profile), its engine named
 * "default" so that Camunda's REST API and webapps find it. Camunda registers engines JVM-wide by name, so only one
 * such server may live at a time: the context is closed after the class. Tests that need neither may use a plain
 * {@code @SpringBootTest} with the {@code test} profile, whose contexts get unique engine names and stay cached.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = StratumApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.generate-unique-process-engine-name=false")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface StratumIntegrationTest {
}
