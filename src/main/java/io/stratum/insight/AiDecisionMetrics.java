package io.stratum.insight;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.stratum.orchestration.AiDecisionMade;
import io.stratum.orchestration.AiDecisionReviewed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.Objects;

/**
 * AI decisions and their reviews as meters: {@code stratum_ai_decisions_total{model,version,label,process}},
 * {@code stratum_ai_decision_confidence{model,version}} (histogram in tenths),
 * {@code stratum_ai_reviews_total{model,version}} and {@code stratum_ai_overrides_total{model,version}} (override
 * rate per model version = overrides / reviews).
 * <p>
 * The events are published inside the engine's transaction; counting after commit (or at once when there is no
 * transaction) keeps a retried job from counting one decision twice.
 */
@Component
public class AiDecisionMetrics {

    static final double[] CONFIDENCE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0};
    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    public AiDecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void decided(AiDecisionMade event) {
        String model = orUnknown(event.model());
        String version = String.valueOf(event.modelVersion());
        Counter.builder("stratum.ai.decisions")
                .description("AI decisions made, by model, model version, label and process")
                .tags("model", model, "version", version, "label", orUnknown(event.output()),
                        "process", orUnknown(event.processDefinitionKey()))
                .register(registry).increment();
        DistributionSummary.builder("stratum.ai.decision.confidence")
                .description("Confidence of AI decisions (0..1)")
                .tags("model", model, "version", version)
                .serviceLevelObjectives(CONFIDENCE_BUCKETS)
                .register(registry).record(event.confidence());
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void reviewed(AiDecisionReviewed event) {
        String model = orUnknown(event.model());
        String version = event.modelVersion() > 0 ? String.valueOf(event.modelVersion()) : UNKNOWN;
        Counter.builder("stratum.ai.reviews")
                .description("AI decisions reviewed by a person, by model and model version")
                .tags("model", model, "version", version).register(registry).increment();
        Counter overrides = Counter.builder("stratum.ai.overrides")
                .description("Reviewed AI decisions whose final value differs from the proposal")
                .tags("model", model, "version", version).register(registry);
        if (!Objects.equals(event.proposed(), event.finalValue())) {
            overrides.increment();
        }
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
