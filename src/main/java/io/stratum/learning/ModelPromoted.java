package io.stratum.learning;

import java.time.Instant;

/**
 * Published when a challenger becomes champion through the retraining process (the decision/audit log's to record).
 *
 * @param previousVersion the champion it replaced, null when there was none
 */
public record ModelPromoted(String model, int version, Integer previousVersion, String actor, String comment,
                            double championAccuracy, double challengerAccuracy, Instant at) {
}
