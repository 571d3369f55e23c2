package io.stratum.learning;

import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The threshold in force: stored per champion version, served through ThresholdOverrides, changes announced. */
class AutomationThresholdTests {

    final ModelRegistry registry = mock(ModelRegistry.class);
    final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    AutomationThreshold thresholds;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:threshold-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql(Files.readString(Path.of("src/main/resources/db/migration/V7__learning.sql"))).update();
        IntelligenceSettings intelligence = new IntelligenceSettings(Path.of("models"), Path.of("cache"), 100, 1, 16,
                0.9, null, Map.of("support-topic", new IntelligenceSettings.ModelSettings(0.85)));
        LearningSettings settings = new LearningSettings(0.01, 0.05, 5, 0.2, 20, 3, 0, "-", List.of(), 0.98, true,
                200, 0.5, Duration.ofMinutes(10), 0, 0, 0.01);
        thresholds = new AutomationThreshold(jdbc, registry, null, null, intelligence, settings, events,
                new io.stratum.intelligence.RecentInputs());
        champion(3);
    }

    @Test
    void withoutCalibrationTheConfiguredValueIsInForce() {
        assertThat(thresholds.threshold("support-topic")).isEmpty();
        AutomationThreshold.InForce t = thresholds.inForce("support-topic");
        assertThat(t.threshold()).isEqualTo(0.85);
        assertThat(t.source()).isEqualTo("configured");
        assertThat(t.since()).isNull();
    }

    @Test
    void aDerivedThresholdServesItsVersionOnlyAndEveryChangeIsAnnounced() {
        // When calibration derives 0.7 for the champion v3
        thresholds.apply("support-topic", 3, new Calibration.Decision(0.7, "derived", "reaches 0.981"),
                new Calibration.Threshold(0.7, 0.981, 0.8, 400), "demo");

        // Then the triage gets 0.7, the API says derived, since when and by whom, and the change is announced
        assertThat(thresholds.threshold("support-topic")).hasValue(0.7);
        AutomationThreshold.InForce t = thresholds.inForce("support-topic");
        assertThat(t.source()).isEqualTo("derived");
        assertThat(t.modelVersion()).isEqualTo(3);
        assertThat(t.items()).isEqualTo(400);
        assertThat(t.changedBy()).isEqualTo("demo");
        assertThat(t.since()).isNotNull();
        verify(events).publishEvent(org.mockito.ArgumentMatchers.<Object>argThat(e -> e instanceof ThresholdChanged c
                && c.previous() == 0.85 && c.threshold() == 0.7 && c.source().equals("derived")
                && c.modelVersion() == 3 && c.actor().equals("demo")));

        // When another version becomes champion (a rollback), the configured value applies again
        champion(2);
        assertThat(thresholds.threshold("support-topic")).isEmpty();
        assertThat(thresholds.inForce("support-topic").note()).contains("last calibration was for v3");
    }

    @Test
    void keepingTheConfiguredValueIsStoredButAnnouncesNothing() {
        thresholds.apply("support-topic", 3, new Calibration.Decision(0.85, "configured", "lowering needs 200 items"),
                new Calibration.Threshold(0.6, 1.0, 0.9, 40), "retraining:demo");
        assertThat(thresholds.threshold("support-topic")).isEmpty();
        assertThat(thresholds.inForce("support-topic").note()).contains("lowering needs 200 items");
        verify(events, never()).publishEvent(any(Object.class));

        // A second derivation of the same value is no change either
        thresholds.apply("support-topic", 3, new Calibration.Decision(0.9, "derived", "raise"),
                new Calibration.Threshold(0.9, 0.98, 0.3, 40), "x");
        thresholds.apply("support-topic", 3, new Calibration.Decision(0.9, "derived", "raise"),
                new Calibration.Threshold(0.9, 0.98, 0.3, 40), "x");
        verify(events, times(1)).publishEvent(any(Object.class));
    }

    private void champion(int version) {
        when(registry.champion("support-topic")).thenReturn(new ModelRegistry.Champion("support-topic", version, null));
    }
}
