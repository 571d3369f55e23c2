package io.stratum.intelligence;

/**
 * The confidence at or above which a model's decision is automated, per model. Comes from configuration
 * ({@code stratum.intelligence.models.<name>.threshold}), never from a literal in code.
 */
public interface ConfidenceThresholds {

    double threshold(String model);
}
