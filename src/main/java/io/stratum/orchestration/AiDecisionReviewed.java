package io.stratum.orchestration;

import java.time.Instant;

/**
 * Published when a person completes the review of an AI decision with their final value.
 *
 * @param modelVersion the version that made the decision (0 = not known), so overrides are counted per version
 */
public record AiDecisionReviewed(String decisionId, String processInstanceId, String model, int modelVersion,
                                 String proposed, String finalValue, String actor, String reason, Instant at) {

    /** Without the model version (publishers that do not know it). */
    public AiDecisionReviewed(String decisionId, String processInstanceId, String model, String proposed,
                              String finalValue, String actor, String reason, Instant at) {
        this(decisionId, processInstanceId, model, 0, proposed, finalValue, actor, reason, at);
    }
}
