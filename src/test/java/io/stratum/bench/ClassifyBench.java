package io.stratum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.model.FeatureSet;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.model.TrainingConfig;
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
        try (SentenceEncoder encoder = SentenceEncoder.open(work.resolve("encoder"), 2, 128, 1)) {
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
                train.stream().map(r -> r[1]).toList(), encoder, SHIPPED.withHoldout(0));
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
        System.out.printf(Locale.ROOT, "embedded %d training texts in %.1f s%n", trX.size(), embedTrainS);

        Map<String, TrainingConfig> variants = new LinkedHashMap<>();
        variants.put("hashed-only", SHIPPED.withFeatures(FeatureSet.HASHED));
        variants.put("minilm-only", SHIPPED.withFeatures(FeatureSet.EMBEDDING));
        variants.put("combined (shipped)", SHIPPED);
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
            TrainingConfig cfg = v.getValue().withHoldout(0);
            long s = System.nanoTime();
            HeadTrainer.Result r = HeadTrainer.train(trX, trY, cfg.features().usesEmbedding() ? trE : null, cfg);
            double headS = (System.nanoTime() - s) / 1e9;
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
            results.add(row);
            System.out.printf(Locale.ROOT, "%-40s accuracy=%.4f train_s=%.1f (head %.1f)%n", v.getKey(),
                    (double) correct / vaX.size(), trainS, headS);
            if (v.getValue() == SHIPPED) {
                shipped = r.model();
                shippedTrainS = trainS;
            }
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

        // single-inquiry latency of the shipped model through the product path (encoder + head), after warm-up
        // warm-up on training texts: the encoder keeps recent embeddings, so timed texts must be new to it
        for (int i = 0; i < 300; i++) {
            TextPipeline.predict("bench", 1, shipped, encoder, trX.get(i));
        }
        int n = Math.min(1000, vaX.size());
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            TextPipeline.predict("bench", 1, shipped, encoder, vaX.get(i));
            lat[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(lat);
        double p50 = lat[n / 2];
        double p99 = lat[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)];
        long s = System.nanoTime();
        TextPipeline.predictAll("bench", 1, shipped, encoder, vaX);
        double batchPerS = vaX.size() / ((System.nanoTime() - s) / 1e9);

        Map<String, Object> shippedRow = results.stream().filter(r -> r.get("variant").equals("combined (shipped)"))
                .findFirst().orElseThrow();
        double acc = (double) shippedRow.get("accuracy");
        System.out.println();
        System.out.println("| variant | accuracy | train s |");
        System.out.println("|---|---|---|");
        for (Map<String, Object> r : results) {
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.1f |%n", r.get("variant"), r.get("accuracy"), r.get("train_s"));
        }
        System.out.printf(Locale.ROOT, "single classification p50 %.2f ms, p99 %.2f ms; batch %.0f/s; embedding %d train texts %.1f s%n",
                p50, p99, batchPerS, trX.size(), embedTrainS);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", "banking77 train.csv, stratified 80/20 (seed 20261125)");
        json.put("train", trX.size());
        json.put("validation", vaX.size());
        json.put("variants", results);
        json.put("shipped", Map.of("accuracy", acc, "train_s", shippedTrainS, "p50_ms", p50, "p99_ms", p99,
                "batch_per_s", batchPerS, "embed_train_s", embedTrainS));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(work.resolve("classify.json").toFile(), json);
        System.out.printf(Locale.ROOT, "RESULT classify accuracy=%.4f train_s=%.1f p50_ms=%.2f p99_ms=%.2f batch_per_s=%.0f%n",
                acc, shippedTrainS, p50, p99, batchPerS);
    }

    /** Tuning runs reuse embeddings (keyed by the texts); pass embed_s=... to report the measured embedding time. */
    private static float[][] cachedEmbeddings(Path work, List<String> texts, SentenceEncoder encoder) throws IOException {
        Path file = work.resolve("emb-" + Integer.toHexString(texts.hashCode()) + ".bin");
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

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
