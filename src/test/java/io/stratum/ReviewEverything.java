package io.stratum;

import io.stratum.intelligence.ConfidenceThresholds;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Sends every AI decision to review, whatever the model's confidence (a threshold above 1): for tests that drive the
 * review path with the real models.
 */
@TestConfiguration
public class ReviewEverything {

    @Bean
    @Primary
    ConfidenceThresholds reviewEverything() {
        return model -> 1.01;
    }
}
