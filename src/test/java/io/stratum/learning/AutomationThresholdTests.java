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

    /**
     * A calibration prior worth one item: the small hashed model of the window test below is trained without a
     * hold-out (temperature 1, under-confident), and that test is about which inputs form the window, not the prior.
     */
    private static final double WEAK_PRIOR = 1;

    final ModelRegistry registry = mock(ModelRegistry.class);
    final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    AutomationThreshold thresholds;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:threshold-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql(Files.readString(Path.of("src/main/resources/db/migration/V7__learning.sql"))).update();
        IntelligenceSettings intelligence = new IntelligenceSettings(Path.of("models"), Path.of("cache"), 100, 1, 16, "all-minilm-l6-v2",
                0.9, null, Map.of("support-topic", new IntelligenceSettings.ModelSettings(0.85)));
        LearningSettings settings = new LearningSettings(0.01, 0.05, 5, 0.2, 20, 3, 0, "-", List.of(), 0.98, true,
                200, 0.5, Duration.ofMinutes(10), 0, 0, 0.01, 1000);
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

    /**
     * Calibration over recent inputs, with a real (n-gram, DJL-trained) model: reviewed items are half clear, half
     * ambiguous, the inputs the node classified are mostly clear. From 200 inputs classified since the version's
     * unseen feedback began (its window), precision is estimated over them, so the derived threshold automates far
     * more than the reviewed items alone suggest; inputs the version trained on, and inputs classified before the
     * window, do not count towards those 200.
     */
    @Test
    void fromTwoHundredUnseenRecentInputsTheirConfidencesWeighTheReviewedItems() {
        List<String> clearBilling = List.of("refund my double charge", "I was charged twice on my card",
                "the invoice amount is wrong", "please refund the payment", "my card was billed twice");
        List<String> clearShipping = List.of("my parcel has not arrived", "the courier lost my package",
                "tracking shows no delivery", "where is my parcel", "the package was delivered to the wrong address");
        List<String> texts = new java.util.ArrayList<>();
        List<String> labels = new java.util.ArrayList<>();
        for (int r = 0; r < 6; r++) {
            clearBilling.forEach(t -> { texts.add(t); labels.add("billing"); });
            clearShipping.forEach(t -> { texts.add(t); labels.add("shipping"); });
        }
        io.stratum.intelligence.model.TextModel model = io.stratum.intelligence.model.HeadTrainer.train(texts, labels,
                null, io.stratum.intelligence.model.TrainingConfig.defaults()
                        .withFeatures(io.stratum.intelligence.model.FeatureSet.HASHED).withHoldout(0).withRefit(false)
                        .withEpochs(10).withLearningRate(0.05f)).model();
        when(registry.evaluationModel("support-topic", 3)).thenReturn(model);

        java.time.Instant unseenFrom = java.time.Instant.parse("2026-01-02T00:00:00Z");
        List<Feedback> feedback = new java.util.ArrayList<>();
        // trained on (before unseenFrom): clear inputs numbered so that they differ from the recent ones below
        for (int i = 0; i < 100; i++) {
            feedback.add(feedback(i, "where is my parcel number " + i, "shipping", unseenFrom.minusSeconds(1000 - i)));
        }
        // unseen: 40 clear and right, 40 ambiguous (both topics' words) labelled alternately
        for (int i = 0; i < 40; i++) {
            String clear = (i % 2 == 0 ? clearBilling : clearShipping).get(i % 5);
            feedback.add(feedback(100 + i, clear + " today " + i, i % 2 == 0 ? "billing" : "shipping",
                    unseenFrom.plusSeconds(i)));
            feedback.add(feedback(200 + i, "refund the parcel the courier charged twice " + i,
                    i % 2 == 0 ? "billing" : "shipping", unseenFrom.plusSeconds(100 + i)));
        }
        RetrainingStore store = mock(RetrainingStore.class);
        when(store.allFeedback("support-topic")).thenReturn(feedback);
        io.stratum.intelligence.RecentInputs recent = new io.stratum.intelligence.RecentInputs();
        AutomationThreshold calibration = new AutomationThreshold(null, registry, store, null,
                new IntelligenceSettings(Path.of("models"), Path.of("cache"), 100, 1, 16, "all-minilm-l6-v2", 0.9, null,
                        Map.of("support-topic", new IntelligenceSettings.ModelSettings(0.85))),
                new LearningSettings(0.01, 0.05, 5, 0.2, 20, 3, 0, "-", List.of(), 0.98, true, 200, 0.5,
                        Duration.ofMinutes(10), 0, 0, 0.01, WEAK_PRIOR), events, recent);

        // 199 unseen recent inputs plus the 100 the version trained on: the reviewed items alone decide
        for (int i = 0; i < 100; i++) {
            recent.add("support-topic", "where is my parcel number " + i);
        }
        for (int i = 0; i < 199; i++) {
            recent.add("support-topic", (i % 2 == 0 ? clearBilling : clearShipping).get(i % 5) + " now " + i);
        }
        Calibration.Threshold reviewedOnly = calibration.derive("support-topic", 3, unseenFrom);
        assertThat(reviewedOnly.threshold()).isNotNull();
        assertThat(reviewedOnly.items()).isEqualTo(80);
        assertThat(reviewedOnly.automationRate()).isLessThan(0.7); // the ambiguous half stays with people

        // one more unseen input: now the population decides, and it is mostly clear inputs
        recent.add("support-topic", "please refund the payment now");
        Calibration.Threshold population = calibration.derive("support-topic", 3, unseenFrom);
        assertThat(population.threshold()).isNotNull();
        assertThat(population.items()).isEqualTo(80);
        assertThat(population.automationRate()).isGreaterThan(0.9);
        assertThat(population.precision()).isGreaterThanOrEqualTo(0.99); // target 0.98 + margin 0.01
        assertThat(population.basis()).contains("200 inputs since the unseen feedback began");

        // The same 200 inputs classified before the unseen feedback began are not the version's window: they came
        // from the time its training data did, so the reviewed items alone decide again
        io.stratum.intelligence.RecentInputs earlier = new io.stratum.intelligence.RecentInputs();
        for (int i = 0; i < 200; i++) {
            earlier.add("support-topic", (i % 2 == 0 ? clearBilling : clearShipping).get(i % 5) + " now " + i,
                    unseenFrom.minusSeconds(200 - i));
        }
        AutomationThreshold before = new AutomationThreshold(null, registry, store, null,
                new IntelligenceSettings(Path.of("models"), Path.of("cache"), 100, 1, 16, "all-minilm-l6-v2", 0.9, null,
                        Map.of("support-topic", new IntelligenceSettings.ModelSettings(0.85))),
                new LearningSettings(0.01, 0.05, 5, 0.2, 20, 3, 0, "-", List.of(), 0.98, true, 200, 0.5,
                        Duration.ofMinutes(10), 0, 0, 0.01, WEAK_PRIOR), events, earlier);
        Calibration.Threshold notInWindow = before.derive("support-topic", 3, unseenFrom);
        assertThat(notInWindow.basis()).isNull();
        assertThat(notInWindow.automationRate()).isEqualTo(reviewedOnly.automationRate());
    }

    private static Feedback feedback(int n, String input, String label, java.time.Instant at) {
        return new Feedback("f" + n, "support-topic", 3, input, label, label, "analyst", null, at, "review", null,
                null);
    }

    private void champion(int version) {
        when(registry.champion("support-topic")).thenReturn(new ModelRegistry.Champion("support-topic", version, null));
    }
}
