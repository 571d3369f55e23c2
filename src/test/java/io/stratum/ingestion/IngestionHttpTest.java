package io.stratum.ingestion;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One shared Spring context (real HTTP, H2) for the ingestion and action API tests. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Background restarts off (tests call restartFailed() themselves); interval 0: a failed start is due at once.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"stratum.ingestion.retry.enabled=false", "stratum.ingestion.retry.interval=PT0S"})
@ActiveProfiles("test")
@Import(RecordingInquiryWorkflow.Config.class)
public @interface IngestionHttpTest {
}
