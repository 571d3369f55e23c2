package io.stratum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.model.FeatureSet;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.model.TrainingConfig;
import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SentenceEncoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Text classification benchmark on the product's own train/predict code (TextPipeline, the shipped config of
 * IntelligenceSettings' defaults).
 * <pre>
 * ./stratum bench classify                                   # BANKING77 80/20 validation, all variants
 * ./stratum bench classify --train a.csv --predict b.csv --out c.csv
 * </pre>
 */
class ClassifyBench {

    static final TrainingConfig SHIPPED = io.stratum.intelligence.IntelligenceSettings.defaultTraining();

    @Test
    void classify() throws Exception {
        Path cwd = Path.of(System.getProperty("bench.cwd", "."));
        Map<String, String> args = parseArgs(System.getProperty("bench.args", ""));
        Path work = cwd.resolve("target/bench");
        Files.createDirectories(work);
        // encoder=ID: another sentence encoder than the shipped one (EncoderModel ids)
        EncoderModel form = EncoderModel.byId(args.getOrDefault("encoder", EncoderModel.DEFAULT.id()));
        System.out.println("sentence encoder: " + form.id());
        try (SentenceEncoder encoder = SentenceEncoder.open(form, work.resolve("encoder"), 2, 128, 1)) {
            if (args.containsKey("train")) {
                trainAndPredict(cwd, args, encoder);
            } else {
                validate(cwd, work, encoder, args);
            }
        }
    }

    private void trainAndPredict(Path cwd, Map<String, String> args, SentenceEncoder encoder) throws IOException {
        List<String[]> train = readCsv(cwd.resolve(args.get("train")));
        List<String[]> predict = readCsv(cwd.resolve(args.getOrDefault("predict", args.get("train"))));
        Path out = cwd.resolve(args.getOrDefault("out", "target/bench/classify-predictions.csv"));
        long started = System.nanoTime();
        HeadTrainer.Result result = TextPipeline.train(train.stream().map(r -> r[0]).toList(),
                train.stream().map(r -> r[1]).toList(), encoder, SHIPPED);
        double trainS = (System.nanoTime() - started) / 1e9;
        List<String> texts = predict.stream().map(r -> r[0]).toList();
        List<Prediction> predictions = TextPipeline.predictAll("bench", 1, result.model(), encoder, texts);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("text,category,confidence\n");
            for (int i = 0; i < texts.size(); i++) {
                w.write(csv(texts.get(i)) + "," + csv(predictions.get(i).label()) + ","
                        + String.format(Locale.ROOT, "%.4f", predictions.get(i).confidence()) + "\n");
            }
        }
        System.out.printf(Locale.ROOT, "trained on %d rows in %.1f s (embedding included), wrote %d predictions to %s%n",
                train.size(), trainS, texts.size(), out);
        System.out.printf(Locale.ROOT, "RESULT classify rows=%d train_s=%.1f%n", texts.size(), trainS);
    }

    private void validate(Path cwd, Path work, SentenceEncoder encoder, Map<String, String> args) throws Exception {
        Path data = args.containsKey("data") ? cwd.resolve(args.get("data")) : findDataset(cwd);
        assumeTrue(Files.exists(data), "BANKING77 not present at " + data + ": skipping");
        List<String[]> rows = readCsv(data);
        List<String> texts = rows.stream().map(r -> r[0]).toList();
        List<String> labels = rows.stream().map(r -> r[1]).toList();
        List<String> classes = labels.stream().distinct().sorted().toList();
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        int[][] split = splitStratified(y, classes.size(), 0.2, 20261125L);
        List<String> trX = pick(texts, split[0]);
        List<String> trY = pick(labels, split[0]);
        List<String> vaX = pick(texts, split[1]);
        List<String> vaY = pick(labels, split[1]);
        System.out.printf("BANKING77: %d train, %d validation, %d intents%n", trX.size(), vaX.size(), classes.size());

        // warm the encoder, then time embedding of the training set once (shared by the embedding variants)
        encoder.embedAll(trX.subList(0, 64), 32);
        long t0 = System.nanoTime();
        float[][] trE = cachedEmbeddings(work, trX, encoder);
        double embedTrainS = (System.nanoTime() - t0) / 1e9;
        if (args.containsKey("embed_s")) { // measured earlier, embeddings now from cache
            embedTrainS = Double.parseDouble(args.get("embed_s"));
        }
        float[][] vaE = cachedEmbeddings(work, vaX, encoder);
        if (args.containsKey("dump")) { // tuning aid: the split's rows beside the cached embeddings, for offline probes
            writeRows(work.resolve("split-train.csv"), trX, trY);
            writeRows(work.resolve("split-validation.csv"), vaX, vaY);
        }
        System.out.printf(Locale.ROOT, "embedded %d training texts in %.1f s%n", trX.size(), embedTrainS);

        Map<String, TrainingConfig> variants = new LinkedHashMap<>();
        if (!args.containsKey("shipped-only")) { // shipped-only=1: skip the single-expert variants (tuning runs)
            variants.put("hashed-only", SHIPPED.withFeatures(FeatureSet.HASHED));
            variants.put("minilm-only", SHIPPED.withFeatures(FeatureSet.EMBEDDING));
        }
        variants.put("combined (shipped), full model", SHIPPED);
        for (String extra : args.getOrDefault("variants", "").split(";")) {
            if (!extra.isBlank()) { // e.g. variants=COMBINED,0,20,0.005  (features,hidden,epochs,lr)
                String[] f = extra.split(",");
                variants.put(extra, SHIPPED.withFeatures(FeatureSet.valueOf(f[0])).withHidden(Integer.parseInt(f[1]))
                        .withEpochs(Integer.parseInt(f[2])).withLearningRate(Float.parseFloat(f[3]))
                        .withHashedWeight(f.length > 4 ? Double.parseDouble(f[4]) : SHIPPED.hashedWeight()));
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, double[][]> probs = new LinkedHashMap<>();
        TextModel shipped = null;
        double shippedTrainS = 0;
        for (Map.Entry<String, TrainingConfig> v : variants.entrySet()) {
            TrainingConfig cfg = v.getValue(); // as the product trains: a hold-out calibrates temperatures
            long s = System.nanoTime();
            long cpu = processCpuNanos();
            HeadTrainer.Result r = HeadTrainer.train(trX, trY, cfg.features().usesEmbedding() ? trE : null, cfg);
            double headS = (System.nanoTime() - s) / 1e9;
            double headCpuS = (processCpuNanos() - cpu) / 1e9; // steadier than wall time on a shared machine
            double trainS = headS + (cfg.features().usesEmbedding() ? embedTrainS : 0);
            int correct = 0;
            double[][] ps = new double[vaX.size()][];
            probs.put(v.getKey(), ps);
            for (int i = 0; i < vaX.size(); i++) {
                double[] p = r.model().probabilities(r.model().sparse(vaX.get(i)),
                        cfg.features().usesEmbedding() ? vaE[i] : null);
                ps[i] = p;
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    best = p[k] > p[best] ? k : best;
                }
                correct += r.model().labels().get(best).equals(vaY.get(i)) ? 1 : 0;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", v.getKey());
            row.put("config", cfg.toString());
            row.put("accuracy", (double) correct / vaX.size());
            row.put("train_s", trainS);
            row.put("head_train_s", headS);
            row.put("head_train_cpu_s", headCpuS);
            results.add(row);
            System.out.printf(Locale.ROOT, "%-40s accuracy=%.4f train_s=%.1f (head %.1f, %.1f s CPU)%n", v.getKey(),
                    (double) correct / vaX.size(), trainS, headS, headCpuS);
            if (v.getValue() == SHIPPED) {
                shipped = r.model();
                shippedTrainS = trainS;
            }
        }

        if (args.containsKey("knn")) { // tuning aid: a kNN vote over MiniLM embeddings as a third expert
            knnProbe(probs.get("hashed-only"), probs.get("minilm-only"), trE, trY, vaE, vaY, classes);
        }
        if (args.containsKey("ensembles")) { // tuning aid: mixtures of the separately trained heads
            double[][] a = probs.get("hashed-only");
            double[][] b = probs.get("minilm-only");
            for (double w : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
                int c1 = 0;
                int c2 = 0;
                for (int i = 0; i < vaX.size(); i++) {
                    int best1 = 0;
                    int best2 = 0;
                    for (int k = 1; k < a[i].length; k++) {
                        if (w * a[i][k] + (1 - w) * b[i][k] > w * a[i][best1] + (1 - w) * b[i][best1]) {
                            best1 = k;
                        }
                        if (w * Math.log(a[i][k]) + (1 - w) * Math.log(b[i][k])
                                > w * Math.log(a[i][best2]) + (1 - w) * Math.log(b[i][best2])) {
                            best2 = k;
                        }
                    }
                    c1 += classes.get(best1).equals(vaY.get(i)) ? 1 : 0;
                    c2 += classes.get(best2).equals(vaY.get(i)) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "ensemble w_hashed=%.1f: mean-prob %.4f, mean-logprob %.4f%n", w,
                        (double) c1 / vaX.size(), (double) c2 / vaX.size());
            }
        }

        // The cascade on the validation split: share of inputs the n-gram expert answers alone, and accuracy.
        List<Map<String, Object>> cascade = new ArrayList<>();
        System.out.println();
        System.out.println("| cascade threshold | answered without encoder | accuracy |");
        System.out.println("|---|---|---|");
        for (double t : new double[] {0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, TextModel.NO_CASCADE}) {
            double[] r = cascadeAccuracy(shipped.withCascadeThreshold(t), vaX, vaE, vaY);
            cascade.add(Map.of("threshold", t, "cheapShare", r[0], "accuracy", r[1]));
            System.out.printf(Locale.ROOT, "| %s | %.1f %% | %.4f |%n", t > 1 ? "off" : Double.toString(t),
                    100 * r[0], r[1]);
        }

        // The shipped, cascaded classifier through the product's batch path (TextPipeline.predictAll)
        long s = System.nanoTime();
        List<Prediction> batch = TextPipeline.predictAll("bench", 1, shipped, encoder, vaX);
        double batchPerS = vaX.size() / ((System.nanoTime() - s) / 1e9);
        int right = 0;
        for (int i = 0; i < vaX.size(); i++) {
            right += batch.get(i).label().equals(vaY.get(i)) ? 1 : 0;
        }
        double shippedAcc = (double) right / vaX.size();
        double encoderShare = 1 - cascadeAccuracy(shipped, vaX, vaE, vaY)[0];
        TextModel full = shipped.withCascadeThreshold(TextModel.NO_CASCADE);
        s = System.nanoTime();
        TextPipeline.predictAll("bench", 1, full, encoder, vaX);
        double fullBatchPerS = vaX.size() / ((System.nanoTime() - s) / 1e9);

        // Single-inquiry latency through the product path (TextPipeline.predict), after warm-up on training texts
        // (the encoder keeps recent embeddings, so timed texts must be new to it): the shipped cascade on one half
        // of the validation texts, the full model (encoder for every input) on the other half.
        for (int i = 0; i < 300; i++) {
            TextPipeline.predict("bench", 1, shipped, encoder, trX.get(i));
            TextPipeline.predict("bench", 1, full, encoder, trX.get(300 + i));
        }
        int half = vaX.size() / 2;
        double[] lat = latencies(shipped, encoder, vaX.subList(0, half));
        double[] fullLat = latencies(full, encoder, vaX.subList(half, vaX.size()));

        Map<String, Object> test = officialTest(cwd, data, args, encoder);

        System.out.println();
        System.out.println("| variant | accuracy | train s |");
        System.out.println("|---|---|---|");
        for (Map<String, Object> r : results) {
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.1f |%n", r.get("variant"), r.get("accuracy"), r.get("train_s"));
        }
        System.out.printf(Locale.ROOT, "| shipped, cascaded (threshold %s) | %.4f | %.1f |%n",
                SHIPPED.cascadeThreshold(), shippedAcc, shippedTrainS);
        System.out.printf(Locale.ROOT, "encoder needed for %.1f %% of validation inputs%n", 100 * encoderShare);
        System.out.printf(Locale.ROOT, "single classification, cascade: p50 %.2f ms, p99 %.2f ms; full model: p50 %.2f ms, "
                        + "p99 %.2f ms; batch %.0f/s (full model %.0f/s); embedding %d train texts %.1f s%n",
                lat[0], lat[1], fullLat[0], fullLat[1], batchPerS, fullBatchPerS, trX.size(), embedTrainS);
        System.out.println(test.isEmpty() ? "official test split: not present (kept aside for independent evaluation)"
                : "official test split: " + test);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", "banking77 train.csv, stratified 80/20 (seed 20261125)");
        json.put("encoder", encoder.form().id());
        json.put("train", trX.size());
        json.put("validation", vaX.size());
        json.put("variants", results);
        json.put("cascade", cascade);
        Map<String, Object> shippedJson = new LinkedHashMap<>();
        shippedJson.put("config", SHIPPED.toString());
        shippedJson.put("accuracy", shippedAcc);
        shippedJson.put("encoder_share", encoderShare);
        shippedJson.put("train_s", shippedTrainS);
        shippedJson.put("p50_ms", lat[0]);
        shippedJson.put("p99_ms", lat[1]);
        shippedJson.put("full_p50_ms", fullLat[0]);
        shippedJson.put("full_p99_ms", fullLat[1]);
        shippedJson.put("batch_per_s", batchPerS);
        shippedJson.put("full_batch_per_s", fullBatchPerS);
        shippedJson.put("embed_train_s", embedTrainS);
        json.put("shipped", shippedJson);
        json.put("official_test", test.isEmpty() ? "not present" : test);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(work.resolve("classify.json").toFile(), json);
        System.out.printf(Locale.ROOT, "RESULT classify accuracy=%.4f test_accuracy=%s train_s=%.1f encoder_share=%.3f "
                        + "p50_ms=%.2f p99_ms=%.2f batch_per_s=%.0f%n",
                shippedAcc, test.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.4f", test.get("accuracy")),
                shippedTrainS, encoderShare, lat[0], lat[1], batchPerS);
    }

    private static void knnProbe(double[][] hashed, double[][] dense, float[][] trE, List<String> trY, float[][] vaE,
                                 List<String> vaY, List<String> classes) {
        int c = classes.size();
        int maxK = 20;
        int[][] nn = new int[vaE.length][maxK];
        double[][] nnSim = new double[vaE.length][maxK];
        for (int i = 0; i < vaE.length; i++) { // top-20 neighbours by cosine (embeddings are unit length)
            double[] sims = new double[trE.length];
            for (int j = 0; j < trE.length; j++) {
                double d = 0;
                for (int x = 0; x < vaE[i].length; x++) {
                    d += vaE[i][x] * trE[j][x];
                }
                sims[j] = d;
            }
            Integer[] order = new Integer[trE.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
            for (int j = 0; j < maxK; j++) {
                nn[i][j] = classes.indexOf(trY.get(order[j]));
                nnSim[i][j] = sims[order[j]];
            }
        }
        for (int k : new int[] {5, 10, 20}) {
            for (double tau : new double[] {0.02, 0.05}) {
                double[][] knn = new double[vaE.length][];
                int alone = 0;
                for (int i = 0; i < vaE.length; i++) {
                    double[] p = new double[c];
                    Arrays.fill(p, 1e-3);
                    for (int j = 0; j < k; j++) {
                        p[nn[i][j]] += Math.exp((nnSim[i][j] - 1) / tau);
                    }
                    double sum = Arrays.stream(p).sum();
                    for (int x = 0; x < c; x++) {
                        p[x] /= sum;
                    }
                    knn[i] = p;
                    alone += classes.get(argmax(p)).equals(vaY.get(i)) ? 1 : 0;
                }
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "knn k=%d tau=%.2f alone %.4f;",
                        k, tau, (double) alone / vaE.length));
                for (double wk : new double[] {0.0, 0.1, 0.2, 0.3}) {
                    for (double wh : new double[] {0.4, 0.5}) {
                        int right = 0;
                        for (int i = 0; i < vaE.length; i++) {
                            double[] mix = new double[c];
                            for (int x = 0; x < c; x++) {
                                mix[x] = wh * Math.log(hashed[i][x]) + (1 - wh - wk) * Math.log(dense[i][x])
                                        + wk * Math.log(knn[i][x]);
                            }
                            right += classes.get(argmax(mix)).equals(vaY.get(i)) ? 1 : 0;
                        }
                        sb.append(String.format(Locale.ROOT, " wk=%.1f,wh=%.1f %.4f", wk, wh,
                                (double) right / vaE.length));
                    }
                }
                System.out.println(sb);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    /** {cheap share, accuracy} of a model's cascade, on precomputed embeddings. */
    static double[] cascadeAccuracy(TextModel model, List<String> texts, float[][] emb, List<String> truth) {
        int cheap = 0;
        int right = 0;
        for (int i = 0; i < texts.size(); i++) {
            var sparse = model.sparse(texts.get(i));
            double[] p = model.probabilitiesWithoutEmbedding(sparse);
            if (p != null) {
                cheap++;
            } else {
                p = model.probabilities(sparse, emb[i]);
            }
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            right += model.labels().get(best).equals(truth.get(i)) ? 1 : 0;
        }
        return new double[] {(double) cheap / texts.size(), (double) right / texts.size()};
    }

    /** {p50, p99} in ms of one-by-one classification. */
    private static double[] latencies(TextModel model, SentenceEncoder encoder, List<String> texts) {
        double[] lat = new double[texts.size()];
        for (int i = 0; i < lat.length; i++) {
            long s = System.nanoTime();
            TextPipeline.predict("bench", 1, model, encoder, texts.get(i));
            lat[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(lat);
        int n = lat.length;
        return new double[] {lat[n / 2], lat[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)]};
    }

    /**
     * The official test split (test.csv next to train.csv, or --test): the shipped config trained on all of
     * train.csv through the product path (embedding included in the time). Empty when the file is absent: the
     * dataset README keeps it aside for independent evaluation.
     */
    private static Map<String, Object> officialTest(Path cwd, Path trainCsv, Map<String, String> args,
                                                    SentenceEncoder encoder) throws IOException {
        Path testCsv = args.containsKey("test") ? cwd.resolve(args.get("test")) : trainCsv.resolveSibling("test.csv");
        if (!Files.exists(testCsv)) {
            return Map.of();
        }
        List<String[]> train = readCsv(trainCsv);
        List<String[]> test = readCsv(testCsv);
        long started = System.nanoTime();
        TextModel model = TextPipeline.train(train.stream().map(r -> r[0]).toList(),
                train.stream().map(r -> r[1]).toList(), encoder, SHIPPED).model();
        double trainS = (System.nanoTime() - started) / 1e9;
        List<String> texts = test.stream().map(r -> r[0]).toList();
        List<Prediction> p = TextPipeline.predictAll("bench", 1, model, encoder, texts);
        List<Prediction> f = TextPipeline.predictAll("bench", 1, model.withCascadeThreshold(TextModel.NO_CASCADE),
                encoder, texts);
        int right = 0;
        int fullRight = 0;
        int cheap = 0;
        for (int i = 0; i < texts.size(); i++) {
            right += p.get(i).label().equals(test.get(i)[1]) ? 1 : 0;
            fullRight += f.get(i).label().equals(test.get(i)[1]) ? 1 : 0;
            cheap += model.probabilitiesWithoutEmbedding(model.sparse(texts.get(i))) != null ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", testCsv.toString());
        out.put("rows", texts.size());
        out.put("accuracy", (double) right / texts.size());
        out.put("full_model_accuracy", (double) fullRight / texts.size());
        out.put("encoder_share", 1 - (double) cheap / texts.size());
        out.put("train_s", trainS);
        return out;
    }

    /** Tuning runs reuse embeddings (keyed by the texts); pass embed_s=... to report the measured embedding time. */
    private static float[][] cachedEmbeddings(Path work, List<String> texts, SentenceEncoder encoder) throws IOException {
        Path file = work.resolve("emb-" + encoder.form().id() + "-" + Integer.toHexString(texts.hashCode()) + ".bin");
        if (Files.exists(file)) {
            java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(Files.readAllBytes(file))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[][] out = new float[texts.size()][SentenceEncoder.DIMENSION];
            for (float[] row : out) {
                fb.get(row);
            }
            return out;
        }
        float[][] out = encoder.embedAll(texts, 32);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(texts.size() * SentenceEncoder.DIMENSION * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float[] row : out) {
            buf.asFloatBuffer();
            for (float f : row) {
                buf.putFloat(f);
            }
        }
        Files.write(file, buf.array());
        return out;
    }

    /** ../shared/datasets from the project root; from a worktree one level deeper, the next parent up. */
    private static Path findDataset(Path cwd) {
        Path rel = Path.of("shared/datasets/banking77/train.csv");
        for (Path p = cwd.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(rel))) {
                return p.resolve(rel);
            }
        }
        return cwd.resolve("../shared/datasets/banking77/train.csv");
    }

    static int[][] splitStratified(int[] y, int classes, double share, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> m = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    m.add(i);
                }
            }
            java.util.Collections.shuffle(m, random);
            int k = (int) Math.round(m.size() * share);
            b.addAll(m.subList(0, k));
            a.addAll(m.subList(k, m.size()));
        }
        return new int[][] {a.stream().mapToInt(Integer::intValue).sorted().toArray(),
                b.stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    private static <T> List<T> pick(List<T> all, int[] idx) {
        return Arrays.stream(idx).mapToObj(all::get).toList();
    }

    private static Map<String, String> parseArgs(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = raw.trim().isEmpty() ? new String[0] : raw.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("--") && i + 1 < parts.length) {
                out.put(parts[i].substring(2), parts[++i]);
            } else if (parts[i].contains("=")) {
                out.put(parts[i].substring(0, parts[i].indexOf('=')), parts[i].substring(parts[i].indexOf('=') + 1));
            }
        }
        return out;
    }

    /** RFC 4180 reader; skips the header; rows keep every column (the first is the text). */
    static List<String[]> readCsv(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row.toArray(String[]::new));
                }
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row.toArray(String[]::new));
        }
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }

    private static void writeRows(Path file, List<String> texts, List<String> labels) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("text,category\n");
            for (int i = 0; i < texts.size(); i++) {
                w.write(csv(texts.get(i)) + "," + csv(labels.get(i)) + "\n");
            }
        }
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
