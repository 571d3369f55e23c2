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
     * either reviewed or spot-checked (outcome known) or automated (unknown). A labelled input counts as its own
     * outcome; an automated one as the accuracy at its confidence, from a logistic fit of correctness on the
     * confidence's log-odds over all labelled items, spot checks weighed by the decisions they stand for
     * ({@link #logisticFit}). The fit has two parameters, so a few spot checks move the whole curve a little rather
     * than one confidence band a lot: the doubly robust estimate used before (an isotonic fit plus each spot check's
     * residual times 1/rate) let one wrong spot check at 0.98 hold a threshold at 0.98 and automate 10 % where 81 %
     * was possible (README, learning-curve). A threshold qualifies when the mean over the inputs above it, {@code z}
     * standard errors down (their spread: few inputs, or wrong labelled ones among them, count as uncertain), still
     * reaches {@code target}.
     *
     * @param confidence the version's confidence on each labelled item (reviewed or spot-checked, never trained on)
     * @param correct    whether the version's answer matches the person's
     * @param weight     decisions each stands for in the fit: 1 for a review, 1/rate for a spot check
     * @param inWindow   whether the item is one of the window's inputs (older labelled items only shape the fit)
     * @param unlabeled  the version's confidences on the window's other inputs (automated, or not reviewed yet)
     * @param prior      weight, in labelled items, of the fit's prior that the confidence is honest
     *                   ({@link #logisticFit})
     */
    public static Threshold window(double[] confidence, boolean[] correct, double[] weight, boolean[] inWindow,
                                   double[] unlabeled, double target, double z, double prior) {
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
        double[] fit = logisticFit(confidence, correct, weight, prior);
        double[][] items = new double[n][]; // per window input: confidence, right (1/0) or the fitted accuracy
        int k = 0;
        for (int i = 0; i < confidence.length; i++) {
            if (inWindow[i]) {
                items[k++] = new double[] {confidence[i], correct[i] ? 1 : 0};
            }
        }
        for (double c : unlabeled) {
            items[k++] = new double[] {c, fittedAccuracy(fit, c)};
        }
        Arrays.sort(items, (a, b) -> Double.compare(b[0], a[0]));
        String basis = String.format(java.util.Locale.ROOT, "%d inputs since the unseen feedback began: %d reviewed, "
                        + "%d spot-checked, %d unlabelled (accuracy at confidence c: logistic in %.3f logit(c) "
                        + "%+.3f); lower bound %s standard errors down", n, labelled - spotChecks, spotChecks,
                unlabeled.length, fit[0], fit[1], z);
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
     * Weighted logistic regression of correctness on the confidence's log-odds, accuracy(c) = sigmoid(a logit(c) + b)
     * (Platt scaling), by Newton's method: {a, b}. A prior towards a = 1, b = 0 (the confidence taken at its word, worth
     * {@code prior} labelled items) steadies the fit and keeps it finite when no labelled item is wrong. How strong it
     * should be depends on how honest the model's confidence is: see {@code stratum.learning.calibration-prior}.
     */
    static double[] logisticFit(double[] confidence, boolean[] correct, double[] weight, double prior) {
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = prior * (a - 1);
            double gb = prior * b;
            double haa = prior;
            double hab = 0;
            double hbb = prior;
            for (int i = 0; i < confidence.length; i++) {
                double x = logit(confidence[i]);
                double p = sigmoid(a * x + b);
                double r = weight[i] * (p - (correct[i] ? 1 : 0));
                double v = weight[i] * p * (1 - p);
                ga += r * x;
                gb += r;
                haa += v * x * x;
                hab += v * x;
                hbb += v;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /** The fitted accuracy at a confidence. */
    static double fittedAccuracy(double[] fit, double confidence) {
        return sigmoid(fit[0] * logit(confidence) + fit[1]);
    }

    private static double logit(double p) {
        double c = Math.min(1 - 1e-4, Math.max(1e-4, p)); // confidences are rounded to 4 places: 1.0 occurs
        return Math.log(c / (1 - c));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
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
