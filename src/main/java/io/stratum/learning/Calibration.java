package io.stratum.learning;

import java.util.Arrays;

/** Pure statistics for monitoring: the automation threshold that reaches a precision, and PSI drift. */
public final class Calibration {

    private Calibration() {
    }

    /**
     * A threshold and what it would have done on the reviewed items; {@code basis}: what the estimate rests on, for the
     * note in the API (null: the reviewed items).
     */
    public record Threshold(Double threshold, double precision, double automationRate, int items, String basis) {
        public Threshold(Double threshold, double precision, double automationRate, int items) {
            this(threshold, precision, automationRate, items, null);
        }
    }

    /**
     * The lowest confidence threshold at which decisions at or above it were right at least {@code target} of the
     * time (so the most automation at that precision); null when no threshold reaches it.
     */
    public static Threshold threshold(double[] confidence, boolean[] correct, double target) {
        double[] weight = new double[confidence.length];
        Arrays.fill(weight, 1);
        return threshold(confidence, correct, weight, target);
    }

    /**
     * As {@link #threshold(double[], boolean[], double)}, with each item standing for {@code weight} decisions: a
     * spot check of automated decisions sampled at rate r stands for 1/r of them, so precision and automation are
     * estimated for all decisions, not only for the ones a person had to review (the model's unsure ones).
     */
    public static Threshold threshold(double[] confidence, boolean[] correct, double[] weight, double target) {
        return threshold(confidence, correct, weight, target, 0);
    }

    /**
     * As {@link #threshold(double[], boolean[], double[], double)}, but a threshold qualifies only when the Wilson
     * lower bound of its precision, {@code z} standard errors down, reaches {@code target}; the sample size is the
     * weights' effective size (Kish), so a few heavily weighted spot checks count as few. {@code z = 0}: the point
     * estimate.
     */
    public static Threshold threshold(double[] confidence, boolean[] correct, double[] weight, double target,
                                      double z) {
        int n = confidence.length;
        Integer[] order = new Integer[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            total += weight[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
        double right = 0;
        double seen = 0;
        double squares = 0;
        Threshold best = new Threshold(null, 0, 0, n);
        for (int k = 0; k < n; k++) {
            double w = weight[order[k]];
            seen += w;
            squares += w * w;
            right += correct[order[k]] ? w : 0;
            boolean boundary = k == n - 1 || confidence[order[k + 1]] < confidence[order[k]];
            double precision = right / seen;
            if (boundary && wilsonLower(precision, seen * seen / squares, z) >= target) {
                best = new Threshold(confidence[order[k]], round(precision), round(seen / total), n);
            }
        }
        return best;
    }

    /**
     * The threshold for the inputs of one window, estimated so that nothing is guessed where people looked: the window
     * is every input classified since the version's unseen feedback began (none of it was trained on); each was
     * either reviewed (outcome known), spot-checked (known; drawn at rate r, weight 1/r) or automated (unknown).
     * The share of right decisions above a threshold is estimated doubly robustly: per window input the isotonic
     * accuracy at its confidence {@code m(c)} ({@link #isotonic}, fit on all labelled items with their weights), plus
     * for a labelled one its weighted residual {@code w (y - m(c))}. A reviewed item (w = 1) thus counts as its own
     * outcome, a spot check corrects the fit for the automated decisions it was drawn from (unbiased whatever the fit),
     * and without spot checks the region above the old threshold rests on the fit alone. A threshold qualifies when
     * the mean of those per-input terms, {@code z} standard errors down (their spread over the inputs above it, so a
     * few inputs or a heavy spot check that was wrong count as uncertain), still reaches {@code target}.
     *
     * @param confidence the version's confidence on each labelled item (reviewed or spot-checked, never trained on)
     * @param correct    whether the version's answer matches the person's
     * @param weight     decisions each stands for: 1 for a review, 1/rate for a spot check
     * @param inWindow   whether the item is one of the window's inputs (older labelled items only shape the fit)
     * @param unlabeled  the version's confidences on the window's other inputs (automated, or not reviewed yet)
     */
    public static Threshold window(double[] confidence, boolean[] correct, double[] weight, boolean[] inWindow,
                                   double[] unlabeled, double target, double z) {
        int labelled = 0;
        int spotChecks = 0;
        for (int i = 0; i < inWindow.length; i++) {
            labelled += inWindow[i] ? 1 : 0;
            spotChecks += inWindow[i] && weight[i] > 1 ? 1 : 0;
        }
        int n = labelled + unlabeled.length;
        if (confidence.length == 0 || n == 0) {
            return new Threshold(null, 0, 0, confidence.length);
        }
        double[][] steps = isotonic(confidence, correct, weight);
        double[][] items = new double[n][]; // per window input: confidence, its term
        int k = 0;
        for (int i = 0; i < confidence.length; i++) {
            if (inWindow[i]) {
                double m = accuracyAt(steps, confidence[i]);
                items[k++] = new double[] {confidence[i], m + weight[i] * ((correct[i] ? 1 : 0) - m)};
            }
        }
        for (double c : unlabeled) {
            items[k++] = new double[] {c, accuracyAt(steps, c)};
        }
        Arrays.sort(items, (a, b) -> Double.compare(b[0], a[0]));
        String basis = String.format(java.util.Locale.ROOT, "%d inputs since the unseen feedback began: %d reviewed, "
                        + "%d spot-checked, %d unlabelled; lower bound %s standard errors down", n,
                labelled - spotChecks, spotChecks, unlabeled.length, z);
        double sum = 0;
        double squares = 0;
        Threshold best = new Threshold(null, 0, 0, confidence.length, basis);
        for (int i = 0; i < n; i++) {
            sum += items[i][1];
            squares += items[i][1] * items[i][1];
            int taken = i + 1;
            boolean boundary = i == n - 1 || items[i + 1][0] < items[i][0];
            double mean = sum / taken;
            double standardError = Math.sqrt(Math.max(0, squares / taken - mean * mean) / taken);
            if (boundary && mean - z * standardError >= target) {
                best = new Threshold(items[i][0], round(Math.min(1, mean)), round((double) taken / n),
                        confidence.length, basis);
            }
        }
        return best;
    }

    /**
     * Weighted pool-adjacent-violators fit of correctness on confidence: {lowest confidence of each block, its
     * accuracy, its effective number of items}, ascending, accuracies non-decreasing.
     */
    static double[][] isotonic(double[] confidence, boolean[] correct, double[] weight) {
        int n = confidence.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        double[] from = new double[n];
        double[] sum = new double[n];
        double[] mass = new double[n];
        double[] squares = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (blocks > 0 && from[blocks - 1] == confidence[i]) { // equal confidences share one block
                sum[blocks - 1] += correct[i] ? weight[i] : 0;
                mass[blocks - 1] += weight[i];
                squares[blocks - 1] += weight[i] * weight[i];
            } else {
                from[blocks] = confidence[i];
                sum[blocks] = correct[i] ? weight[i] : 0;
                mass[blocks] = weight[i];
                squares[blocks] = weight[i] * weight[i];
                blocks++;
            }
            while (blocks > 1 && sum[blocks - 2] / mass[blocks - 2] > sum[blocks - 1] / mass[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                mass[blocks - 2] += mass[blocks - 1];
                squares[blocks - 2] += squares[blocks - 1];
                blocks--;
            }
        }
        double[][] steps = new double[blocks][];
        for (int b = 0; b < blocks; b++) {
            steps[b] = new double[] {from[b], sum[b] / mass[b], mass[b] * mass[b] / squares[b]};
        }
        return steps;
    }

    /** The fitted accuracy at a confidence: that of the last block starting at or below it (else the first). */
    static double accuracyAt(double[][] steps, double confidence) {
        int lo = 0;
        int hi = steps.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (steps[mid][0] <= confidence) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return steps[lo][1];
    }

    static double wilsonLower(double p, double n, double z) {
        if (z == 0) {
            return p;
        }
        double z2 = z * z;
        return (p + z2 / (2 * n) - z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
    }

    /** What to put in force: {@code source} is "derived" or "configured"; {@code note} says why. */
    public record Decision(double threshold, String source, String note) {
    }

    /**
     * The threshold to put in force from a derived one, with guard rails: no derivable threshold keeps the configured
     * value; with fewer than {@code minItems} items the derived value may only raise the configured one (too little
     * feedback never lowers it); never below {@code floor}.
     */
    public static Decision decide(double configured, Threshold derived, int minItems, double floor) {
        if (derived.threshold() == null) {
            return new Decision(configured, "configured", "no threshold reaches the target precision on "
                    + derived.items() + " items; the configured value stays");
        }
        double value = Math.max(floor, derived.threshold());
        if (derived.items() < minItems && value < configured) {
            return new Decision(configured, "configured", "derived " + round(value) + " from " + derived.items()
                    + " items would lower the configured value; lowering needs at least " + minItems + " items");
        }
        return new Decision(value, "derived", "reaches " + round(derived.precision()) + " precision on "
                + derived.items() + " items, automating " + round(derived.automationRate())
                + (value > derived.threshold() ? " (raised to the floor " + floor + ")" : "")
                + (derived.basis() == null ? "" : " (" + derived.basis() + ")"));
    }

    /**
     * Population stability index of {@code actual} against {@code expected} over equal-width bins on [0,1]
     * (confidences); 0.1-0.25 is usually read as moderate drift, above 0.25 as major.
     */
    public static double psi(double[] expected, double[] actual, int bins) {
        if (expected.length == 0 || actual.length == 0) {
            return 0;
        }
        double[] e = histogram(expected, bins);
        double[] a = histogram(actual, bins);
        double psi = 0;
        for (int b = 0; b < bins; b++) {
            psi += (a[b] - e[b]) * Math.log(a[b] / e[b]);
        }
        return round(psi);
    }

    private static double[] histogram(double[] values, int bins) {
        double[] h = new double[bins];
        for (double v : values) {
            h[Math.min(bins - 1, Math.max(0, (int) (v * bins)))]++;
        }
        for (int b = 0; b < bins; b++) {
            h[b] = Math.max(h[b] / values.length, 1e-4); // empty bins would make the log infinite
        }
        return h;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
