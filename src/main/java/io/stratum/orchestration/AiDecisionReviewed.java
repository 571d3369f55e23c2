package io.stratum.orchestration;

import java.time.Instant;

/** Published when a person completes the review of an AI decision with their final value. */
public record AiDecisionReviewed(String decisionId, String processInstanceId, String model, String proposed,
                                 String finalValue, String actor, String reason, Instant at) {
}
