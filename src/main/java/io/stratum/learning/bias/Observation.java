package io.stratum.learning.bias;

import java.util.Map;
import java.util.Objects;

/**
 * One AI decision as bias monitoring sees it.
 *
 * @param segments      segment key → value (e.g. customerTier → gold); a missing key means "unknown"
 * @param aiOutcome     what the model decided
 * @param finalOutcome  the human's final value, or null when nobody reviewed the decision
 */
public record Observation(int modelVersion, Map<String, String> segments, String aiOutcome, String finalOutcome) {

    public Observation {
        segments = segments == null ? Map.of() : segments;
    }

    public boolean reviewed() {
        return finalOutcome != null;
    }

    public boolean overridden() {
        return reviewed() && !Objects.equals(aiOutcome, finalOutcome);
    }
}
