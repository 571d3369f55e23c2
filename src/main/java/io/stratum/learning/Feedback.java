package io.stratum.learning;

import java.time.Instant;

/**
 * A human's verdict on one AI decision: what the model predicted and what the person decided.
 * {@code corrected} equals {@code predicted} when the person confirmed the proposal.
 */
public record Feedback(String id, String model, int modelVersion, String input, String predicted, String corrected,
                       String actor, String reason, Instant at, String source, String decisionId,
                       String processInstanceId) {

    public boolean overridden() {
        return !java.util.Objects.equals(predicted, corrected);
    }
}
