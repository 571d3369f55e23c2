package io.stratum.learning;

import java.time.Instant;

/**
 * Published when the automation threshold in force for a model changes (the decision/audit log's to record).
 *
 * @param previous  the value in force before
 * @param source    "derived" (from feedback) or "configured"
 * @param precision precision the derived threshold reached on the calibration items (null when none was derived)
 */
public record ThresholdChanged(String model, int modelVersion, double previous, double threshold, String source,
                               Double precision, int items, String actor, String note, Instant at) {
}
