package io.stratum.intelligence.maintenance;

import java.util.Map;

/**
 * The failure model's answer for one sample: the probability of a machine failure, whether that is over the model's
 * decision threshold, the probability per failure mode and the most likely mode (null when none reaches 0.5).
 */
public record FailurePrediction(double failureProbability, boolean predictedFailure, Map<String, Double> modes,
                                String likelyMode, int modelVersion) {
}
