package io.stratum.intelligence.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.HashedNgrams;
import io.stratum.intelligence.text.SparseVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Trains a softmax head with DJL (PyTorch engine, CPU, seeded): logits = b + Σ tfidf·W_sparse[bucket]
 * + f(embedding), where f is linear or a one-hidden-layer ReLU MLP. The sparse part is a gather of weight rows
 * (an embedding-bag), so the 2^18-bucket input never becomes a dense matrix.
 * A stratified hold-out gives honest metrics and the softmax temperatures (confidence calibration); with
 * {@link TrainingConfig#refit()} the final weights are then trained on all examples, keeping that calibration
 * (the hold-out metrics describe the model trained without the hold-out: a slightly pessimistic estimate).
 */
public final class HeadTrainer {

    /** Bumped whenever training changes its result for the same data and config (part of the bootstrap cache key). */
    public static final int VERSION = 6;
    /**
     * The lowest temperature a COMBINED model's mix may take. The mix is a weighted geometric mean of three experts'
     * probabilities (weights adding up to 1), which is under-confident when they agree: on BANKING77 feedback its
     * hold-out likelihood peaks at 0.6-0.7 (ten stream orders of ./stratum bench learning-curve), and with that
     * temperature the confidence also ranks right and wrong answers better (more automation at the same precision).
     */
    static final double MIX_TEMPERATURE_FLOOR = 0.5;
    /** Real hold-out examples needed before the mix may be sharpened (a likelihood over fewer is mostly noise). */
    static final int MIN_SHARPENING_EXAMPLES = 100;

    /** Tests only: told after each epoch how many native arrays the fit's manager holds. */
    static volatile IntConsumer epochProbe;

    /** Runs the refit beside the hold-out fit (daemon threads; idle ones end after a minute). */
    private static final ExecutorService TRAINING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stratum-head-training");
        t.setDaemon(true);
        return t;
    });

    private HeadTrainer() {
    }

    /** What training produced: the model and its hold-out metrics. */
    public record Result(TextModel model, Map<String, Object> metrics) {
        /** The same result, its model recorded as learnt from {@code encoder}'s embeddings (needed to save it). */
        public Result withEncoder(EncoderModel encoder) {
            return new Result(model.withEncoder(encoder), metrics);
        }
    }

    /**
     * Trains on real examples (all of them may calibrate the temperature).
     *
     * @param embeddings one sentence embedding per text, or null when the config does not use them; the model does
     *                   not know their encoder until {@link Result#withEncoder} says
     */
    public static Result train(List<String> texts, List<String> labels, float[][] embeddings, TrainingConfig cfg) {
        return train(texts, labels, embeddings, cfg, 0);
    }

    /**
     * As {@link #train(List, List, float[][], TrainingConfig)}, where the first {@code generated} examples are
     * generated (bootstrap inquiries): they are learnt from like the others, but a COMBINED model's mix is sharpened
     * (temperature below 1) only by what its hold-out's real examples say, and only when it holds at least
     * {@link #MIN_SHARPENING_EXAMPLES} of them. Generated phrasing is separable, so its hold-out would always ask for
     * the sharpest mix.
     */
    public static Result train(List<String> texts, List<String> labels, float[][] embeddings, TrainingConfig cfg,
                               int generated) {
        if (texts.size() != labels.size() || texts.isEmpty()) {
            throw new IllegalArgumentException("need as many labels as texts, and at least one example");
        }
        if (cfg.features().usesEmbedding() && (embeddings == null || embeddings.length != texts.size())) {
            throw new IllegalArgumentException("features " + cfg.features() + " need one embedding per text");
        }
        long started = System.nanoTime();
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        int[][] split = stratifiedSplit(y, classes.size(), cfg.holdout(), cfg.seed(), sameText(texts));
        int[] trainIdx = split[0];
        int[] testIdx = split[1];

        boolean refit = cfg.refit() && testIdx.length > 0;
        // The refit on all examples does not depend on the hold-out fit (only the temperatures do): it runs on a
        // second thread meanwhile, so the two fits share the cores instead of queueing.
        Future<Fitted> refitted = refit ? TRAINING.submit(() -> fitAll(texts, embeddings, y, classes.size(), cfg))
                : null;
        try {
            HashedNgrams ngrams = null;
            SparseVector[] sparse = new SparseVector[texts.size()];
            if (cfg.features().usesHashed()) {
                List<String> trainTexts = Arrays.stream(trainIdx).mapToObj(texts::get).toList();
                ngrams = HashedNgrams.fit(trainTexts, cfg.hashBits());
                for (int i = 0; i < texts.size(); i++) {
                    sparse[i] = ngrams.transform(texts.get(i));
                }
            }
            Weights w = fit(sparse, embeddings, y, trainIdx, classes.size(), ngrams == null ? 0 : ngrams.dimension(),
                    cfg);
            boolean voting = cfg.features() == FeatureSet.COMBINED && cfg.neighbourWeight() > 0;
            TextModel uncalibrated = w.toModel(cfg, classes, ngrams, 1.0, 1.0,
                    voting ? NeighbourVote.of(embeddings, y, trainIdx) : null);

            Map<String, Object> metrics = new LinkedHashMap<>();
            double temperature = 1.0;
            double hashedTemperature = 1.0;
            boolean combined = cfg.features() == FeatureSet.COMBINED;
            if (testIdx.length > 0) {
                double[][] logits = new double[testIdx.length][];
                double[][] hashedLogits = new double[testIdx.length][];
                for (int i = 0; i < testIdx.length; i++) {
                    int n = testIdx[i];
                    logits[i] = uncalibrated.logits(sparse[n], embeddings == null ? null : embeddings[n]);
                    hashedLogits[i] = combined ? uncalibrated.hashedLogits(sparse[n]) : null;
                }
                int[] truth = Arrays.stream(testIdx).map(n -> y[n]).toArray();
                int[] real = java.util.stream.IntStream.range(0, testIdx.length).filter(i -> testIdx[i] >= generated)
                        .toArray();
                boolean sharpen = combined && real.length >= MIN_SHARPENING_EXAMPLES;
                if (sharpen) {
                    temperature = fitTemperature(Arrays.stream(real).mapToObj(i -> logits[i]).toArray(double[][]::new),
                            Arrays.stream(real).map(i -> truth[i]).toArray(), MIX_TEMPERATURE_FLOOR);
                } else {
                    temperature = fitTemperature(logits, truth, 1.0);
                }
                metrics.put("temperatureExamples", sharpen ? real.length : testIdx.length);
                metrics.putAll(evaluate(logits, truth, classes.size()));
                if (combined) {
                    hashedTemperature = fitTemperature(hashedLogits, truth, 1.0);
                    metrics.putAll(cascadeMetrics(logits, hashedLogits, truth, temperature, hashedTemperature,
                            cfg.cascadeThreshold()));
                }
            }
            int[] remembered = trainIdx;
            if (refit) { // the hold-out has spoken (metrics, temperatures); the model learnt from it too
                Fitted all = join(refitted);
                refitted = null;
                ngrams = all.ngrams();
                w = all.weights();
                remembered = new int[texts.size()];
                Arrays.setAll(remembered, i -> i);
            }
            TextModel model = w.toModel(cfg, classes, ngrams, temperature, hashedTemperature,
                    voting ? NeighbourVote.of(embeddings, y, remembered) : null);
            metrics.put("temperature", round(temperature));
            if (combined) {
                metrics.put("hashedTemperature", round(hashedTemperature));
            }
            metrics.put("refit", refit);
            metrics.put("trainExamples", refit ? texts.size() : trainIdx.length);
            metrics.put("holdoutExamples", testIdx.length);
            metrics.put("trainSeconds", round((System.nanoTime() - started) / 1e9));
            return new Result(model, metrics);
        } finally {
            if (refitted != null) {
                refitted.cancel(true);
            }
        }
    }

    private record Fitted(HashedNgrams ngrams, Weights weights) {
    }

    /** The same training on every example, with n-grams counted over all texts. */
    private static Fitted fitAll(List<String> texts, float[][] embeddings, int[] y, int classes, TrainingConfig cfg) {
        int[] all = new int[texts.size()];
        Arrays.setAll(all, i -> i);
        HashedNgrams ngrams = null;
        SparseVector[] sparse = new SparseVector[texts.size()];
        if (cfg.features().usesHashed()) {
            ngrams = HashedNgrams.fit(texts, cfg.hashBits());
            for (int i = 0; i < texts.size(); i++) {
                sparse[i] = ngrams.transform(texts.get(i));
            }
        }
        return new Fitted(ngrams, fit(sparse, embeddings, y, all, classes, ngrams == null ? 0 : ngrams.dimension(),
                cfg));
    }

    private static Fitted join(Future<Fitted> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while training", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Training failed: " + e.getCause(), e.getCause());
        }
    }

    private static final class Weights {
        float[] sparse;
        float[] w1;
        float[] b1;
        float[] w2;
        float[] bias;
        float[] sparseBias;

        TextModel toModel(TrainingConfig cfg, List<String> classes, HashedNgrams ngrams, double temperature,
                          double hashedTemperature, NeighbourVote neighbours) {
            return new TextModel(cfg.features(), classes, ngrams, sparse, cfg.hidden(), w1, b1, w2, bias, sparseBias,
                    cfg.hashedWeight(), temperature, cfg.cascadeThreshold(), hashedTemperature, neighbours,
                    cfg.neighbourWeight(), null);
        }
    }

    private static Weights fit(SparseVector[] sparse, float[][] emb, int[] y, int[] trainIdx, int classes,
                               int buckets, TrainingConfig cfg) {
        Engine engine = Engine.getEngine("PyTorch");
        boolean useSparse = cfg.features().usesHashed();
        boolean useDense = cfg.features().usesEmbedding();
        int dim = useDense ? emb[0].length : 0;
        int hidden = cfg.hidden();
        try (NDManager manager = engine.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("bias", manager.zeros(new Shape(classes)));
            if (cfg.features() == FeatureSet.COMBINED) {
                params.put("sparseBias", manager.zeros(new Shape(classes)));
            }
            // Adam's state covers only the buckets the training rows use (a few percent of the 2^18): three
            // 2^18 x classes tables would be mostly zeros that every fit allocates and the updates miss in cache.
            CompactRows compact = useSparse ? CompactRows.of(sparse, trainIdx) : null;
            SparseAdam sparseW = useSparse ? new SparseAdam(compact.buckets().length, classes, cfg.learningRate())
                    : null;
            SparseVector[] rowsOf = useSparse ? compact.vectors() : sparse;
            PyTorchExclusive.lock(); // the engine's seed is global: seeding and drawing the initial weights go together
            try {
                engine.setRandomSeed((int) cfg.seed());
                initDense(manager, params, useDense, dim, hidden, classes);
            } finally {
                PyTorchExclusive.unlock();
            }
            params.values().forEach(p -> p.setRequiresGradient(true));
            Optimizer optimizer = Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(cfg.learningRate()))
                    .optWeightDecays(cfg.weightDecay())
                    .build();

            Random random = new Random(cfg.seed());
            int[] order = trainIdx.clone();
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                shuffle(order, random);
                for (int start = 0; start < order.length; start += cfg.batchSize()) {
                    int end = Math.min(order.length, start + cfg.batchSize());
                    try (NDManager batch = manager.newSubManager()) {
                        step(batch, engine, params, sparseW, optimizer, rowsOf, emb, y,
                                Arrays.copyOfRange(order, start, end), useDense, hidden);
                    }
                }
                IntConsumer probe = epochProbe;
                if (probe != null) {
                    probe.accept(manager.getManagedArrays().size());
                }
            }
            Weights w = new Weights();
            w.bias = params.get("bias").toFloatArray();
            w.sparseBias = params.containsKey("sparseBias") ? params.get("sparseBias").toFloatArray() : null;
            w.sparse = useSparse ? compact.expand(sparseW.weights, buckets, classes) : null;
            w.w1 = useDense ? params.get("w1").toFloatArray() : null;
            w.b1 = params.containsKey("b1") ? params.get("b1").toFloatArray() : null;
            w.w2 = params.containsKey("w2") ? params.get("w2").toFloatArray() : null;
            return w;
        }
    }

    /**
     * The buckets the training rows use, numbered densely in first-use order, and those rows' vectors in that
     * numbering (other rows stay null: training never reads them; their indices keep each text's n-gram order, so
     * they are not sorted as a {@link SparseVector} usually is, which the training step does not need). Untouched
     * buckets keep zero weights, as they would in the full table, so the trained model is the same.
     */
    private record CompactRows(int[] buckets, SparseVector[] vectors) {

        static CompactRows of(SparseVector[] sparse, int[] trainIdx) {
            Map<Integer, Integer> index = new HashMap<>();
            SparseVector[] vectors = new SparseVector[sparse.length];
            for (int n : trainIdx) {
                SparseVector v = sparse[n];
                int[] rows = new int[v.size()];
                for (int j = 0; j < rows.length; j++) {
                    rows[j] = index.computeIfAbsent(v.indices()[j], k -> index.size());
                }
                vectors[n] = new SparseVector(rows, v.values());
            }
            int[] buckets = new int[index.size()];
            index.forEach((bucket, row) -> buckets[row] = bucket);
            return new CompactRows(buckets, vectors);
        }

        float[] expand(float[] compact, int bucketCount, int classes) {
            float[] full = new float[bucketCount * classes];
            for (int row = 0; row < buckets.length; row++) {
                System.arraycopy(compact, row * classes, full, buckets[row] * classes, classes);
            }
            return full;
        }
    }

    private static void initDense(NDManager manager, Map<String, NDArray> params, boolean useDense, int dim,
                                  int hidden, int classes) {
        if (useDense && hidden == 0) {
            params.put("w1", manager.randomNormal(0f, 0.01f, new Shape(dim, classes), DataType.FLOAT32));
        } else if (useDense) {
            float scale = (float) Math.sqrt(2.0 / dim);
            params.put("w1", manager.randomNormal(0f, scale, new Shape(dim, hidden), DataType.FLOAT32));
            params.put("b1", manager.zeros(new Shape(hidden)));
            params.put("w2", manager.randomNormal(0f, (float) Math.sqrt(1.0 / hidden), new Shape(hidden, classes),
                    DataType.FLOAT32));
        }
    }

    private static void step(NDManager m, Engine engine, Map<String, NDArray> params, SparseAdam sparseW,
                             Optimizer optimizer, SparseVector[] sparse, float[][] emb, int[] y, int[] rows,
                             boolean useDense, int hidden) {
        boolean useSparse = sparseW != null;
        int b = rows.length;
        int classes = (int) params.get("bias").getShape().get(0);
        float[] onehot = new float[b * classes];
        for (int i = 0; i < b; i++) {
            onehot[i * classes + y[rows[i]]] = 1f;
        }
        NDArray target = m.create(onehot, new Shape(b, classes));
        // Hashed part: its logits are computed here from the current weights and enter the graph as a leaf, so
        // autograd returns dLoss/dLogits, from which only the touched weight rows get their gradient.
        NDArray sparseLogits = null;
        float[] sl = null;
        if (useSparse) {
            sl = new float[b * classes];
            for (int i = 0; i < b; i++) {
                SparseVector v = sparse[rows[i]];
                for (int j = 0; j < v.size(); j++) {
                    int base = v.indices()[j] * classes;
                    float value = v.values()[j];
                    for (int k = 0; k < classes; k++) {
                        sl[i * classes + k] += value * sparseW.weights[base + k];
                    }
                }
            }
            sparseLogits = m.create(sl, new Shape(b, classes));
            sparseLogits.setRequiresGradient(true);
        }
        NDArray x = null;
        if (useDense) {
            float[] xa = new float[b * emb[0].length];
            for (int i = 0; i < b; i++) {
                System.arraycopy(emb[rows[i]], 0, xa, i * emb[0].length, emb[0].length);
            }
            x = m.create(xa, new Shape(b, emb[0].length));
        }
        PyTorchExclusive.lock(); // DJL allows one gradient collector at a time in the JVM
        try (GradientCollector gc = engine.newGradientCollector()) {
            // Started from the batch's manager: DJL attaches an operation's result to its first operand's manager, so
            // starting from the bias kept every batch's intermediate arrays until the whole fit ended (~46,000
            // arrays and ~1.1 GB of native memory more for 10,000 examples, 77 classes, 30 epochs).
            NDArray logits = m.zeros(new Shape(b, classes)).add(params.get("bias"));
            NDArray loss = null;
            if (useSparse && useDense) { // two experts, each with its own loss (see TextModel#logits)
                NDArray s = sparseLogits.add(params.get("sparseBias"));
                loss = s.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
            } else if (useSparse) {
                logits = logits.add(sparseLogits);
            }
            if (useDense && hidden == 0) {
                logits = logits.add(x.matMul(params.get("w1")));
            } else if (useDense) {
                NDArray h = x.matMul(params.get("w1")).add(params.get("b1")).maximum(0f);
                logits = logits.add(h.matMul(params.get("w2")));
            }
            NDArray own = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
            loss = loss == null ? own : loss.add(own);
            gc.backward(loss);
        } finally {
            PyTorchExclusive.unlock();
        }
        for (Map.Entry<String, NDArray> p : params.entrySet()) {
            try (NDArray grad = p.getValue().getGradient()) { // a new handle on the fit's manager each time
                optimizer.update(p.getKey(), p.getValue(), grad);
                grad.muli(0f);
            }
        }
        if (useSparse) {
            float[] dLogits = sparseLogits.getGradient().toFloatArray();
            // Gradient rows of the touched buckets, in first-touch order; slot[] maps bucket -> row + 1 and is
            // cleared again afterwards (no boxing: this loop runs ~10^4 times per batch).
            int[] slot = sparseW.slot;
            int[] touched = new int[256];
            float[] flat = new float[256 * classes];
            int n = 0;
            for (int i = 0; i < b; i++) {
                SparseVector v = sparse[rows[i]];
                for (int j = 0; j < v.size(); j++) {
                    int bucket = v.indices()[j];
                    int pos = slot[bucket] - 1;
                    if (pos < 0) {
                        if (n == touched.length) {
                            touched = Arrays.copyOf(touched, n * 2);
                            flat = Arrays.copyOf(flat, n * 2 * classes);
                        }
                        pos = n++;
                        slot[bucket] = n;
                        touched[pos] = bucket;
                    }
                    float value = v.values()[j];
                    int base = pos * classes;
                    int at = i * classes;
                    for (int k = 0; k < classes; k++) {
                        flat[base + k] += value * dLogits[at + k];
                    }
                }
            }
            for (int t = 0; t < n; t++) {
                slot[touched[t]] = 0;
            }
            sparseW.update(Arrays.copyOf(touched, n), flat);
        }
    }

    /**
     * Adam for the hashed-feature weights, updating only the rows a batch touched (lazy, like PyTorch's
     * SparseAdam): a dense update of 2^18 × classes weights per batch would dominate training time.
     */
    static final class SparseAdam {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPS = 1e-8f;
        final float[] weights;
        final int[] slot; // scratch for step(): bucket -> gradient row + 1, all zero between steps
        private final float[] m;
        private final float[] v;
        private final int classes;
        private final float lr;
        private int t;

        SparseAdam(int rows, int classes, float lr) {
            this.weights = new float[rows * classes];
            this.slot = new int[rows];
            this.m = new float[rows * classes];
            this.v = new float[rows * classes];
            this.classes = classes;
            this.lr = lr;
        }

        void update(int[] rows, float[] grad) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            float step = (float) (lr * Math.sqrt(c2) / c1);
            for (int i = 0; i < rows.length; i++) {
                int base = rows[i] * classes;
                for (int k = 0; k < classes; k++) {
                    float g = grad[i * classes + k];
                    int at = base + k;
                    m[at] = BETA1 * m[at] + (1 - BETA1) * g;
                    v[at] = BETA2 * v[at] + (1 - BETA2) * g * g;
                    weights[at] -= step * m[at] / ((float) Math.sqrt(v[at]) + EPS);
                }
            }
        }
    }

    /**
     * Returns {train indices, hold-out indices}, taking the same share of every class into the hold-out: per class, a
     * {@code holdout} share of the distinct texts, with every copy of each. A text repeated in the examples (feedback
     * counted several times, an inquiry imported twice) must not be both learnt and judged.
     *
     * @param first for each example, the index of the first example with the same text (itself if none before)
     */
    static int[][] stratifiedSplit(int[] y, int classes, double holdout, long seed, int[] first) {
        Random random = new Random(seed);
        boolean[] heldOut = new boolean[y.length];
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c && first[i] == i) {
                    members.add(i);
                }
            }
            java.util.Collections.shuffle(members, random);
            int n = members.size() < 3 ? 0 : (int) Math.round(members.size() * holdout);
            members.subList(0, n).forEach(i -> heldOut[i] = true);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            (heldOut[first[i]] ? test : train).add(i);
        }
        return new int[][] {train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** For each text, the index of its first occurrence. */
    static int[] sameText(List<String> texts) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        int[] first = new int[texts.size()];
        for (int i = 0; i < first.length; i++) {
            Integer earlier = seen.putIfAbsent(texts.get(i), i);
            first[i] = earlier == null ? i : earlier;
        }
        return first;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Temperature minimising the hold-out negative log-likelihood, never below {@code floor}: a small or easy
     * hold-out (bootstrap data is separable) would otherwise sharpen confidences that real phrasing does not earn.
     * One softmax head keeps a floor of 1; a COMBINED model's mix may go down to {@link #MIX_TEMPERATURE_FLOOR}.
     */
    static double fitTemperature(double[][] logits, int[] truth, double floor) {
        double best = floor;
        double bestNll = Double.MAX_VALUE;
        for (double t = floor; t <= 8.0; t *= 1.05) {
            double nll = 0;
            for (int i = 0; i < logits.length; i++) {
                nll -= Math.log(Math.max(TextModel.softmax(logits[i], t)[truth[i]], 1e-12));
            }
            if (nll < bestNll) {
                bestNll = nll;
                best = t;
            }
        }
        return best;
    }

    /**
     * How the cascade does on the hold-out: share answered by the n-gram expert alone, accuracy of the cascaded
     * answers and of the full model on the same inputs, accuracy of the cascade overall.
     */
    static Map<String, Object> cascadeMetrics(double[][] logits, double[][] hashedLogits, int[] truth,
                                              double temperature, double hashedTemperature, double threshold) {
        int cascaded = 0;
        int cascadedRight = 0;
        int fullRightOnCascaded = 0;
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] p = TextModel.softmax(hashedLogits[i], hashedTemperature);
            int cheap = argmax(p);
            int full = argmax(logits[i]);
            if (p[cheap] >= threshold) {
                cascaded++;
                cascadedRight += cheap == truth[i] ? 1 : 0;
                fullRightOnCascaded += full == truth[i] ? 1 : 0;
                right += cheap == truth[i] ? 1 : 0;
            } else {
                right += full == truth[i] ? 1 : 0;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cascadeShare", round((double) cascaded / truth.length));
        m.put("cascadeAccuracy", round((double) right / truth.length));
        if (cascaded > 0) {
            m.put("cascadedAnswersAccuracy", round((double) cascadedRight / cascaded));
            m.put("fullModelOnCascadedAccuracy", round((double) fullRightOnCascaded / cascaded));
        }
        return m;
    }

    static Map<String, Object> evaluate(double[][] logits, int[] truth, int classes) {
        int correct = 0;
        int[] tp = new int[classes];
        int[] fp = new int[classes];
        int[] fn = new int[classes];
        for (int i = 0; i < logits.length; i++) {
            int pred = argmax(logits[i]);
            if (pred == truth[i]) {
                correct++;
                tp[pred]++;
            } else {
                fp[pred]++;
                fn[truth[i]]++;
            }
        }
        double f1 = 0;
        for (int c = 0; c < classes; c++) {
            double denom = 2.0 * tp[c] + fp[c] + fn[c];
            f1 += denom == 0 ? 0 : 2.0 * tp[c] / denom;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", round((double) correct / logits.length));
        m.put("macroF1", round(f1 / classes));
        return m;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
