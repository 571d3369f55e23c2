package io.stratum.insight;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratum.orchestration.AiDecisionMade;
import io.stratum.orchestration.AiDecisionReviewed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AiDecisionMetricsTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AiDecisionMetrics metrics = new AiDecisionMetrics(registry);

    @Test
    void countsDecisionsPerModelVersionAndLabelAndRecordsConfidence() {
        metrics.decided(decision("support-topic", 3, "billing", 0.91));
        metrics.decided(decision("support-topic", 3, "billing", 0.55));
        metrics.decided(decision("support-topic", 3, "account", 0.42));
        metrics.decided(decision("support-urgency", 1, "high", 0.8));

        assertThat(registry.get("stratum.ai.decisions").tags("model", "support-topic", "version", "3",
                "label", "billing", "process", "support-triage").counter().count()).isEqualTo(2);
        assertThat(registry.get("stratum.ai.decisions").tags("label", "account").counter().count()).isEqualTo(1);
        var confidence = registry.get("stratum.ai.decision.confidence")
                .tags("model", "support-topic", "version", "3").summary();
        assertThat(confidence.count()).isEqualTo(3);
        assertThat(confidence.totalAmount()).isCloseTo(0.91 + 0.55 + 0.42, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(registry.get("stratum.ai.decision.confidence").tags("model", "support-urgency").summary().count())
                .isEqualTo(1);
    }

    @Test
    void overridesAreReviewsWhoseFinalValueDiffers() {
        metrics.reviewed(review("support-topic", "billing", "billing"));
        metrics.reviewed(review("support-topic", "billing", "account"));
        metrics.reviewed(review("support-topic", "general", "account"));
        metrics.reviewed(review("support-urgency", "low", "low"));

        assertThat(registry.get("stratum.ai.reviews").tag("model", "support-topic").counter().count()).isEqualTo(3);
        assertThat(registry.get("stratum.ai.overrides").tag("model", "support-topic").counter().count()).isEqualTo(2);
        assertThat(registry.get("stratum.ai.reviews").tag("model", "support-urgency").counter().count()).isEqualTo(1);
        // present with zero, so the override rate of a model nobody overrode is 0, not "no data"
        assertThat(registry.get("stratum.ai.overrides").tag("model", "support-urgency").counter().count()).isZero();
    }

    @Test
    void overridesAreCountedPerModelVersion() {
        metrics.reviewed(review("support-topic", 3, "billing", "account"));
        metrics.reviewed(review("support-topic", 4, "billing", "billing"));
        metrics.reviewed(review("support-topic", 4, "billing", "account"));
        metrics.reviewed(review("support-topic", 4, "general", "general"));

        assertThat(registry.get("stratum.ai.overrides").tags("model", "support-topic", "version", "3").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("stratum.ai.reviews").tags("model", "support-topic", "version", "3").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("stratum.ai.overrides").tags("model", "support-topic", "version", "4").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("stratum.ai.reviews").tags("model", "support-topic", "version", "4").counter()
                .count()).isEqualTo(3);
        // a publisher that does not know the version
        metrics.reviewed(review("support-topic", "billing", "account"));
        assertThat(registry.get("stratum.ai.overrides").tags("model", "support-topic", "version", "unknown")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void missingModelOrLabelIsTaggedUnknown() {
        metrics.decided(decision(null, 0, null, 0.3));
        assertThat(registry.get("stratum.ai.decisions").tags("model", "unknown", "label", "unknown").counter().count())
                .isEqualTo(1);
    }

    static AiDecisionMade decision(String model, int version, String label, double confidence) {
        return new AiDecisionMade("d-" + Math.random(), "pi-1", "bk", "support-triage", "Task_ClassifyTopic", model,
                version, "fp", label, confidence, List.of(), "because", Instant.now());
    }

    static AiDecisionReviewed review(String model, int version, String proposed, String finalValue) {
        return new AiDecisionReviewed("d", "pi-1", model, version, proposed, finalValue, "approver", null,
                Instant.now());
    }

    static AiDecisionReviewed review(String model, String proposed, String finalValue) {
        return new AiDecisionReviewed("d", "pi-1", model, proposed, finalValue, "approver", null, Instant.now());
    }
}
