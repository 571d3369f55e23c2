package io.stratum.learning.bias;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Outcome, override and error rates of one model per segment, and the segments the four-fifths rule flags.
 *
 * @param decisions AI decisions considered
 * @param reviewed  of which a person reviewed
 */
public record BiasReport(String model, int decisions, int reviewed, double disparityRatio, int minSampleSize,
                         Set<String> favourableOutcomes, List<SegmentStats> segments, List<Disparity> disparities) {

    /** Metric names of {@link Disparity#metric()}. */
    public static final String FAVOURABLE_RATE = "favourable outcome rate";
    public static final String ACCURACY = "accuracy on reviewed items";

    /**
     * One segment, e.g. customerTier = bronze.
     *
     * @param outcomeRates    share of each AI outcome among the segment's decisions
     * @param favourableRate  share of favourable AI outcomes, null when the model has none configured
     * @param overrideRate    overridden / decisions: how often people changed the AI's answer
     * @param errorRate       overridden / reviewed: the AI's error on the items with a human verdict (null: none)
     * @param judged          enough decisions for the outcome rates to be held to the rule
     * @param errorJudged     enough reviewed items for the error rate to be held to the rule
     */
    public record SegmentStats(String key, String value, int decisions, Map<String, Double> outcomeRates,
                               Double favourableRate, int reviewed, int overridden, double overrideRate,
                               Double errorRate, boolean judged, boolean errorJudged) {
    }

    /**
     * A segment whose rate is below {@code disparityRatio} times the best segment's rate for the same key.
     */
    public record Disparity(String metric, String key, String segment, double rate, String reference,
                            double referenceRate, double ratio) {

        public String describe() {
            return String.format(Locale.ROOT, "%s=%s %s %.1f %% vs %s %.1f %% (ratio %.2f)", key, segment, metric,
                    rate * 100, reference, referenceRate * 100, ratio);
        }
    }

    public boolean flagged() {
        return !disparities.isEmpty();
    }

    /** One paragraph for people: the rule, what was judged, what was flagged. */
    public String summary() {
        String rule = String.format(Locale.ROOT, "four-fifths rule: ratio %.2f, at least %d items per segment",
                disparityRatio, minSampleSize);
        long judged = segments.stream().filter(s -> s.judged() || s.errorJudged()).count();
        if (flagged()) {
            return "Bias check FLAGGED (" + rule + "): "
                    + disparities.stream().map(Disparity::describe).collect(Collectors.joining("; "));
        }
        if (judged == 0) {
            return "Bias check not conclusive (" + rule + "): no segment has enough items among " + decisions;
        }
        return "Bias check passed (" + rule + "): " + judged + " segments judged on " + decisions + " items";
    }
}
