package io.stratum.intelligence.maintenance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Anomaly score of a reading against its own asset's baseline: an exponentially weighted mean and variance per
 * measurement; the score is the root mean square of the z-scores (about 1 for a typical reading, 0 while the
 * baseline is still warming up). The reading then updates the baseline, slowly, so that one outlier barely shifts it.
 * An asset's baseline is looked up with the loader the first time the asset is seen (so it survives restarts);
 * {@link #drainChanged()} hands out the baselines changed since the last call, for writing behind.
 */
public final class AnomalyScorer {

    /** An asset's baseline: readings seen, and per measurement the weighted mean and variance. */
    public record State(long readings, double[] mean, double[] variance) {
    }

    private final double alpha;
    private final int warmUp;
    private final Function<String, State> loader;
    private final ConcurrentHashMap<String, Baseline> baselines = new ConcurrentHashMap<>();

    /** @param alpha weight of a new reading in the baseline; @param warmUp readings before scores are given */
    public AnomalyScorer(double alpha, int warmUp) {
        this(alpha, warmUp, id -> null);
    }

    /** @param loader an asset's stored baseline, or null when it has none */
    public AnomalyScorer(double alpha, int warmUp, Function<String, State> loader) {
        if (alpha <= 0 || alpha >= 1 || warmUp < 2) {
            throw new IllegalArgumentException("alpha in (0, 1), warmUp >= 2");
        }
        this.alpha = alpha;
        this.warmUp = warmUp;
        this.loader = loader;
    }

    public double score(String assetId, double[] measurements) {
        return baselines.computeIfAbsent(assetId, id -> {
            State stored = loader.apply(id);
            return stored != null && stored.mean().length == measurements.length
                    ? new Baseline(stored) : new Baseline(measurements.length);
        }).scoreAndUpdate(measurements);
    }

    /** Baselines changed since the previous call (copies), and forgets that they changed. */
    public Map<String, State> drainChanged() {
        Map<String, State> changed = new LinkedHashMap<>();
        baselines.forEach((id, b) -> {
            State s = b.takeIfChanged();
            if (s != null) {
                changed.put(id, s);
            }
        });
        return changed;
    }

    private final class Baseline {
        final double[] mean;
        final double[] var;
        long n;
        boolean changed;

        Baseline(int size) {
            mean = new double[size];
            var = new double[size];
        }

        Baseline(State s) {
            mean = s.mean().clone();
            var = s.variance().clone();
            n = s.readings();
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
            changed = true;
            return score;
        }

        synchronized State takeIfChanged() {
            if (!changed) {
                return null;
            }
            changed = false;
            return new State(n, mean.clone(), var.clone());
        }
    }
}
