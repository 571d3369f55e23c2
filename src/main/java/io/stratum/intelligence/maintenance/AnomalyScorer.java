package io.stratum.intelligence.maintenance;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Anomaly score of a reading against its own asset's baseline: an exponentially weighted mean and variance per
 * measurement; the score is the root mean square of the z-scores (about 1 for a typical reading, 0 while the
 * baseline is still warming up). The reading then updates the baseline, slowly, so that one outlier barely shifts it.
 */
public final class AnomalyScorer {

    private final double alpha;
    private final int warmUp;
    private final ConcurrentHashMap<String, Baseline> baselines = new ConcurrentHashMap<>();

    /** @param alpha weight of a new reading in the baseline; @param warmUp readings before scores are given */
    public AnomalyScorer(double alpha, int warmUp) {
        if (alpha <= 0 || alpha >= 1 || warmUp < 2) {
            throw new IllegalArgumentException("alpha in (0, 1), warmUp >= 2");
        }
        this.alpha = alpha;
        this.warmUp = warmUp;
    }

    public double score(String assetId, double[] measurements) {
        return baselines.computeIfAbsent(assetId, id -> new Baseline(measurements.length)).scoreAndUpdate(measurements);
    }

    private final class Baseline {
        final double[] mean;
        final double[] var;
        int n;

        Baseline(int size) {
            mean = new double[size];
            var = new double[size];
        }

        synchronized double scoreAndUpdate(double[] x) {
            double score = 0;
            if (n >= warmUp) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    double sd = Math.sqrt(var[i]) + 1e-6 * (1 + Math.abs(mean[i]));
                    double z = (x[i] - mean[i]) / sd;
                    sum += z * z;
                }
                score = Math.sqrt(sum / x.length);
            }
            n++;
            // Plain averages while warming up, exponential weighting after.
            double a = n <= warmUp ? 1.0 / n : alpha;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - mean[i];
                mean[i] += a * d;
                var[i] = (1 - a) * (var[i] + a * d * d);
            }
            return score;
        }
    }
}
