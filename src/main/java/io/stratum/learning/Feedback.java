package io.stratum.learning;

import java.time.Instant;

/**
 * A human's verdict on one AI decision: what the model predicted and what the person decided.
 * {@code corrected} equals {@code predicted} when the person confirmed the proposal.
 */
public record Feedback(String id, String model, int modelVersion, String input, String predicted, String corrected,
                       String actor, String reason, Instant at, String source, String decisionId,
                       String processInstanceId) {

    /** Source suffix of a review of a confident decision picked at random (not one the model was unsure about). */
    public static final String SPOT_CHECK = "/spot-check";

    public boolean spotCheck() {
        return source != null && source.endsWith(SPOT_CHECK);
    }

    public boolean overridden() {
        return !java.util.Objects.equals(predicted, corrected);
    }
}
