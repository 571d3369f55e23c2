package io.stratum.intelligence.maintenance;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.stratum.intelligence.model.PyTorchExclusive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the remaining-useful-life network with DJL (PyTorch engine, CPU, seeded) on run-to-failure histories: every
 * cycle of every engine is an example, the target its remaining life capped at {@code cap} cycles (piece-wise linear:
 * early in life the remaining life cannot be told from the sensors, only that the engine is healthy). Mean squared
 * error, Adam with a learning rate halved for the last third. Whole engines are held out for honest metrics.
 */
public final class RulTrainer {

    /** @param holdout share of the engines kept aside */
    public record Config(int hidden, int epochs, int batchSize, double learningRate, int cap, double holdout,
                         long seed) {
    }

    public record Result(RulModel model, Map<String, Object> metrics) {
    }

    private RulTrainer() {
    }

    public static Result train(List<EngineHistory> engines, Config cfg) {
        List<EngineHistory> usable = engines.stream().filter(e -> e.failedAfter() > 0).toList();
        if (usable.size() < 5) {
            throw new IllegalArgumentException("need at least 5 run-to-failure engines, got " + usable.size());
        }
        long started = System.nanoTime();
        Random random = new Random(cfg.seed());
        List<EngineHistory> shuffled = new ArrayList<>(usable);
        java.util.Collections.shuffle(shuffled, random);
        int nTest = (int) Math.round(shuffled.size() * cfg.holdout());
        List<EngineHistory> test = shuffled.subList(0, nTest);
        List<EngineHistory> trainEngines = shuffled.subList(nTest, shuffled.size());

        List<float[]> x = new ArrayList<>();
        List<Float> y = new ArrayList<>();
        for (EngineHistory e : trainEngines) {
            for (int t = 1; t <= e.cycles().size(); t++) {
                x.add(RulFeatures.of(e.truncated(t)));
                y.add((float) Math.min(e.failedAfter() - t, cfg.cap()) / cfg.cap());
            }
        }
        int in = RulFeatures.SIZE;
        float[] mean = new float[in];
        float[] std = new float[in];
        for (float[] row : x) {
            for (int f = 0; f < in; f++) {
                mean[f] += row[f] / x.size();
            }
        }
        for (float[] row : x) {
            for (int f = 0; f < in; f++) {
                std[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / x.size();
            }
        }
        for (int f = 0; f < in; f++) {
            std[f] = (float) Math.max(1e-6, Math.sqrt(std[f]));
        }

        Engine engine = Engine.getEngine("PyTorch");
        int h = cfg.hidden();
        Map<String, float[]> w = new LinkedHashMap<>();
        try (NDManager manager = engine.newBaseManager()) {
            Map<String, NDArray> params = MlpParameters.initial(engine, manager, cfg.seed(), in, h, 1);
            Optimizer optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.learningRate()))
                    .build();
            Optimizer slower = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.learningRate() / 4))
                    .build();
            int[] order = new int[x.size()];
            Arrays.setAll(order, i -> i);
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                shuffle(order, random);
                Optimizer opt = epoch < cfg.epochs() * 2 / 3 ? optimizer : slower;
                for (int start = 0; start < order.length; start += cfg.batchSize()) {
                    int end = Math.min(order.length, start + cfg.batchSize());
                    int b = end - start;
                    float[] xb = new float[b * in];
                    float[] yb = new float[b];
                    for (int r = 0; r < b; r++) {
                        float[] row = x.get(order[start + r]);
                        for (int f = 0; f < in; f++) {
                            xb[r * in + f] = (row[f] - mean[f]) / std[f];
                        }
                        yb[r] = y.get(order[start + r]);
                    }
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray xs = batch.create(xb, new Shape(b, in));
                        NDArray ys = batch.create(yb, new Shape(b, 1));
                        PyTorchExclusive.lock(); // one gradient collector at a time in the JVM
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray h1 = xs.matMul(params.get("w1")).add(params.get("b1")).maximum(0f);
                            NDArray h2 = h1.matMul(params.get("w2")).add(params.get("b2")).maximum(0f);
                            NDArray z = h2.matMul(params.get("w3")).add(params.get("b3"));
                            gc.backward(z.sub(ys).square().mean());
                        } finally {
                            PyTorchExclusive.unlock();
                        }
                        for (Map.Entry<String, NDArray> p : params.entrySet()) {
                            NDArray grad = p.getValue().getGradient();
                            opt.update(p.getKey(), p.getValue(), grad);
                            grad.muli(0f);
                        }
                    }
                }
            }
            params.forEach((k, v) -> w.put(k, v.toFloatArray()));
        }
        RulModel model = new RulModel(mean, std, h, w.get("w1"), w.get("b1"), w.get("w2"), w.get("b2"), w.get("w3"),
                w.get("b3"), cfg.cap());
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (!test.isEmpty()) {
            metrics.put("holdoutRmse", round(rmseAtRandomCuts(model, test, new Random(cfg.seed() + 1), 5)));
        }
        metrics.put("trainEngines", trainEngines.size());
        metrics.put("holdoutEngines", test.size());
        metrics.put("trainExamples", x.size());
        metrics.put("trainSeconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        return new Result(model, metrics);
    }

    /**
     * RMSE of the predicted remaining life against the true one (capped like the target) when each engine is observed
     * only until a random cycle, {@code draws} times per engine (like C-MAPSS's truncated test engines).
     */
    public static double rmseAtRandomCuts(RulModel model, List<EngineHistory> engines, Random random, int draws) {
        double sum = 0;
        int n = 0;
        for (EngineHistory e : engines) {
            for (int d = 0; d < draws; d++) {
                int cut = 1 + random.nextInt(e.cycles().size());
                double truth = Math.min(e.failedAfter() - cut, model.cap());
                double err = model.predict(e.truncated(cut)) - truth;
                sum += err * err;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
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
