package io.stratum.intelligence;

import java.util.List;

/**
 * One model's answer for one input: the best label, its confidence in [0,1], the runners-up (best first, the
 * chosen label excluded) and a short human-readable explanation of how it was reached.
 */
public record Prediction(String model, int version, String label, double confidence,
                         List<Alternative> alternatives, String explanation) {

    public record Alternative(String label, double confidence) {
    }
}
