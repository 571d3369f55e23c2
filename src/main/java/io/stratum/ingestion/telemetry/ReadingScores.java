package io.stratum.ingestion.telemetry;

/**
 * What the models said about one reading: failure probability (0..1), the most likely failure mode (null when none
 * is likely) and the anomaly score against the asset's own baseline (0 = typical).
 */
public record ReadingScores(double failureProbability, String failureMode, double anomalyScore) {
}
