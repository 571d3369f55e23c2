package io.stratum.intelligence.maintenance;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.stratum.intelligence.model.PyTorchExclusive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the failure network with DJL (PyTorch engine, CPU, seeded): a two-hidden-layer ReLU MLP with six sigmoid
 * outputs and binary cross-entropy on each (machine failure and the five modes, so the modes share what they learn).
 * A random hold-out gives honest metrics and the decision threshold with the best F1.
 */
public final class FailureTrainer {

    /** @param hidden units per hidden layer; @param holdout share of the examples kept aside */
    public record Config(int hidden, int epochs, int batchSize, double learningRate, double holdout, long seed) {
    }

    public record Result(FailureModel model, Map<String, Object> metrics) {
    }

    private FailureTrainer() {
    }

    public static Result train(List<MachineSample> samples, Config cfg, int version) {
        if (samples.size() < 50) {
            throw new IllegalArgumentException("need at least 50 examples, got " + samples.size());
        }
        long started = System.nanoTime();
        Random random = new Random(cfg.seed());
        int[] order = shuffled(samples.size(), random);
        int nTest = (int) Math.round(samples.size() * cfg.holdout());
        int[] test = java.util.Arrays.copyOfRange(order, 0, nTest);
        int[] train = java.util.Arrays.copyOfRange(order, nTest, order.length);

        int in = FailureFeatures.SIZE;
        float[][] x = new float[samples.size()][];
        float[][] y = new float[samples.size()][FailureModel.OUTPUTS];
        for (int i = 0; i < samples.size(); i++) {
            MachineSample s = samples.get(i);
            x[i] = FailureFeatures.of(s);
            y[i][0] = s.failed() ? 1f : 0f;
            for (int k = 0; k < MachineSample.MODES.length; k++) {
                y[i][k + 1] = s.modes()[k] ? 1f : 0f;
            }
        }
        float[] mean = new float[in];
        float[] std = new float[in];
        for (int i : train) {
            for (int f = 0; f < in; f++) {
                mean[f] += x[i][f] / train.length;
            }
        }
        for (int i : train) {
            for (int f = 0; f < in; f++) {
                std[f] += (x[i][f] - mean[f]) * (x[i][f] - mean[f]) / train.length;
            }
        }
        for (int f = 0; f < in; f++) {
            std[f] = (float) Math.max(1e-6, Math.sqrt(std[f]));
        }

        Engine engine = Engine.getEngine("PyTorch");
        int h = cfg.hidden();
        int out = FailureModel.OUTPUTS;
        Map<String, float[]> w = new LinkedHashMap<>();
        try (NDManager manager = engine.newBaseManager()) {
            Map<String, NDArray> params = MlpParameters.initial(engine, manager, cfg.seed(), in, h, out);
            Optimizer optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.learningRate()))
                    .build();
            int[] epochOrder = train.clone();
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                shuffle(epochOrder, random);
                for (int start = 0; start < epochOrder.length; start += cfg.batchSize()) {
                    int end = Math.min(epochOrder.length, start + cfg.batchSize());
                    int b = end - start;
                    float[] xb = new float[b * in];
                    float[] yb = new float[b * out];
                    for (int r = 0; r < b; r++) {
                        int i = epochOrder[start + r];
                        for (int f = 0; f < in; f++) {
                            xb[r * in + f] = (x[i][f] - mean[f]) / std[f];
                        }
                        System.arraycopy(y[i], 0, yb, r * out, out);
                    }
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray xs = batch.create(xb, new Shape(b, in));
                        NDArray ys = batch.create(yb, new Shape(b, out));
                        PyTorchExclusive.lock(); // one gradient collector at a time in the JVM
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray h1 = xs.matMul(params.get("w1")).add(params.get("b1")).maximum(0f);
                            NDArray h2 = h1.matMul(params.get("w2")).add(params.get("b2")).maximum(0f);
                            NDArray z = h2.matMul(params.get("w3")).add(params.get("b3"));
                            // Numerically stable binary cross-entropy on logits.
                            NDArray loss = z.maximum(0f).sub(z.mul(ys)).add(z.abs().neg().exp().add(1f).log())
                                    .mean();
                            gc.backward(loss);
                        } finally {
                            PyTorchExclusive.unlock();
                        }
                        for (Map.Entry<String, NDArray> p : params.entrySet()) {
                            NDArray grad = p.getValue().getGradient();
                            optimizer.update(p.getKey(), p.getValue(), grad);
                            grad.muli(0f);
                        }
                    }
                }
            }
            params.forEach((k, v) -> w.put(k, v.toFloatArray()));
        }
        FailureModel draft = new FailureModel(mean, std, h, w.get("w1"), w.get("b1"), w.get("w2"), w.get("b2"),
                w.get("w3"), w.get("b3"), 0.5, version);
        Map<String, Object> metrics = new LinkedHashMap<>();
        double threshold = 0.5;
        if (test.length > 0) {
            double[] p = new double[test.length];
            boolean[] truth = new boolean[test.length];
            for (int t = 0; t < test.length; t++) {
                p[t] = draft.outputs(x[test[t]])[0];
                truth[t] = samples.get(test[t]).failed();
            }
            threshold = bestF1Threshold(p, truth);
            metrics.putAll(binaryMetrics(p, truth, threshold));
        }
        metrics.put("threshold", threshold);
        metrics.put("trainExamples", train.length);
        metrics.put("holdoutExamples", test.length);
        metrics.put("trainSeconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        FailureModel model = new FailureModel(mean, std, h, w.get("w1"), w.get("b1"), w.get("w2"), w.get("b2"),
                w.get("w3"), w.get("b3"), threshold, version);
        return new Result(model, metrics);
    }

    /** The threshold (0.05..0.95 in steps of 0.05) with the best F1; ties go to the higher threshold. */
    static double bestF1Threshold(double[] p, boolean[] truth) {
        double best = 0.5;
        double bestF1 = -1;
        for (int step = 1; step <= 19; step++) {
            double t = step * 0.05;
            double f1 = (double) binaryMetrics(p, truth, t).get("f1");
            if (f1 >= bestF1) {
                bestF1 = f1;
                best = t;
            }
        }
        return Math.round(best * 100) / 100.0;
    }

    public static Map<String, Object> binaryMetrics(double[] p, boolean[] truth, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            boolean predicted = p[i] >= threshold;
            if (predicted && truth[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (truth[i]) {
                fn++;
            }
            if (predicted == truth[i]) {
                correct++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f1", round(f1));
        m.put("precision", round(precision));
        m.put("recall", round(recall));
        m.put("accuracy", round(p.length == 0 ? 0 : (double) correct / p.length));
        m.put("positives", tp + fn);
        return m;
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }

    private static int[] shuffled(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, random);
        return a;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
