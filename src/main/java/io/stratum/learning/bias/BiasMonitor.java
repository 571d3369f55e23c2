package io.stratum.learning.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The bias arithmetic, plain Java: per segment key and value, outcome rates, override rate and error rate on reviewed
 * items; then the four-fifths rule on the favourable-outcome rate and on the accuracy on reviewed items. Segments
 * below the minimum sample size, and decisions without a value for the key, are reported but never judged.
 */
public final class BiasMonitor {

    /** The segment value of decisions that carry no value for a key. */
    public static final String UNKNOWN = "(unknown)";

    private BiasMonitor() {
    }

    public static BiasReport report(String model, List<Observation> observations, BiasSettings settings) {
        return report(model, observations, settings.segmentKeys(), settings.favourable(model),
                settings.disparityRatio(), settings.minSampleSize());
    }

    public static BiasReport report(String model, List<Observation> observations, List<String> segmentKeys,
                                    Set<String> favourable, double disparityRatio, int minSampleSize) {
        List<BiasReport.SegmentStats> segments = new ArrayList<>();
        List<BiasReport.Disparity> disparities = new ArrayList<>();
        for (String key : segmentKeys) {
            Map<String, List<Observation>> byValue = new TreeMap<>();
            for (Observation o : observations) {
                String value = o.segments().get(key);
                byValue.computeIfAbsent(value == null || value.isBlank() ? UNKNOWN : value, v -> new ArrayList<>())
                        .add(o);
            }
            List<BiasReport.SegmentStats> stats = byValue.entrySet().stream()
                    .map(e -> stats(key, e.getKey(), e.getValue(), favourable, minSampleSize)).toList();
            segments.addAll(stats);
            if (!favourable.isEmpty()) {
                fourFifths(BiasReport.FAVOURABLE_RATE, key, stats.stream().filter(BiasReport.SegmentStats::judged)
                        .toList(), BiasReport.SegmentStats::favourableRate, disparityRatio, disparities);
            }
            fourFifths(BiasReport.ACCURACY, key, stats.stream().filter(BiasReport.SegmentStats::errorJudged)
                    .toList(), s -> 1 - s.errorRate(), disparityRatio, disparities);
        }
        int reviewed = (int) observations.stream().filter(Observation::reviewed).count();
        return new BiasReport(model, observations.size(), reviewed, disparityRatio, minSampleSize,
                Set.copyOf(favourable), segments, disparities);
    }

    private static BiasReport.SegmentStats stats(String key, String value, List<Observation> items,
                                                 Set<String> favourable, int minSampleSize) {
        int n = items.size();
        Map<String, Long> counts = new TreeMap<>();
        int favourableCount = 0;
        int reviewed = 0;
        int overridden = 0;
        for (Observation o : items) {
            counts.merge(String.valueOf(o.aiOutcome()), 1L, Long::sum);
            favourableCount += favourable.contains(o.aiOutcome()) ? 1 : 0;
            reviewed += o.reviewed() ? 1 : 0;
            overridden += o.overridden() ? 1 : 0;
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        counts.forEach((label, c) -> rates.put(label, round((double) c / n)));
        boolean known = !UNKNOWN.equals(value);
        return new BiasReport.SegmentStats(key, value, n, rates,
                favourable.isEmpty() ? null : round((double) favourableCount / n), reviewed, overridden,
                round((double) overridden / n), reviewed == 0 ? null : round((double) overridden / reviewed),
                known && n >= minSampleSize, known && reviewed >= minSampleSize);
    }

    /** Flags every judged segment whose rate is below {@code ratio} times the best judged segment's rate. */
    static void fourFifths(String metric, String key, List<BiasReport.SegmentStats> judged,
                           Function<BiasReport.SegmentStats, Double> rateOf, double ratio,
                           List<BiasReport.Disparity> out) {
        if (judged.size() < 2) {
            return;
        }
        BiasReport.SegmentStats best = judged.stream().max(Comparator.comparingDouble(rateOf::apply)).orElseThrow();
        double bestRate = rateOf.apply(best);
        if (bestRate <= 0) {
            return; // nobody gets the outcome: no group is disadvantaged relative to another
        }
        for (BiasReport.SegmentStats s : judged) {
            double rate = rateOf.apply(s);
            double r = rate / bestRate;
            if (r < ratio - 1e-9) {
                out.add(new BiasReport.Disparity(metric, key, s.value(), round(rate), best.value(), round(bestRate),
                        round(r)));
            }
        }
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
