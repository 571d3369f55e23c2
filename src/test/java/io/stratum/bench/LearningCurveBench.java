package io.stratum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TrainingConfig;
import io.stratum.intelligence.text.SentenceEncoder;
import io.stratum.learning.Calibration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Learning curve of the human-in-the-loop: a labelled {@code text,category} stream is replayed as inquiries; the
 * current model decides, decisions at or above the threshold are automated, the rest go to a simulated reviewer who
 * answers with the true label (feedback). Every {@code --retrain-every} feedback items the model is retrained the
 * way the retraining process does it (HeadTrainer with the shipped config, newest share of the feedback held out),
 * and the threshold is re-derived on that hold-out for the target precision (Calibration, as the monitoring does).
 * <pre>
 * ./stratum bench learning-curve [--stream CSV] [--holdout CSV] [--chunk 1000] [--seed-size 500]
 *                                [--retrain-every 500] [--target 0.98] [--epochs 30]
 * </pre>
 * Default: ../shared/datasets/banking77/train.csv shuffled (seed 42), the last 20 % as hold-out, the rest as stream.
 * BANKING77's 77 intents share no label with the bootstrap support-topic model, so the curve starts from a model
 * trained on the stream's first {@code --seed-size} items (as if a reviewer labelled them: they count as reviews).
 */
class LearningCurveBench {

    private record Item(String text, String label) {
    }

    @Test
    void learningCurve() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        Path cwd = Path.of(System.getProperty("bench.cwd", "."));
        Path defaultData = defaultDataset(cwd);
        List<Item> stream;
        List<Item> holdout;
        if (args.containsKey("stream")) {
            stream = read(BenchArgs.path(args.get("stream")));
            holdout = args.containsKey("holdout") ? read(BenchArgs.path(args.get("holdout"))) : List.of();
        } else {
            assumeTrue(Files.exists(defaultData), "BANKING77 not present at " + defaultData + ": skipping");
            List<Item> all = new ArrayList<>(read(defaultData));
            Collections.shuffle(all, new Random(42));
            int cut = (int) (all.size() * 0.8);
            stream = all.subList(0, cut);
            holdout = all.subList(cut, all.size());
        }
        int chunk = Integer.parseInt(args.getOrDefault("chunk", "1000"));
        int seedSize = Integer.parseInt(args.getOrDefault("seed-size", "500"));
        int retrainEvery = Integer.parseInt(args.getOrDefault("retrain-every", "500"));
        double target = Double.parseDouble(args.getOrDefault("target", "0.98"));
        TrainingConfig cfg = IntelligenceSettings.defaultTraining()
                .withEpochs(Integer.parseInt(args.getOrDefault("epochs", "30"))).withHoldout(0);

        Path work = cwd.resolve("target/bench");
        Files.createDirectories(work);
        try (SentenceEncoder encoder = SentenceEncoder.open(work.resolve("encoder"), 2, 128, 1)) {
            long t0 = System.nanoTime();
            Map<String, float[]> emb = new HashMap<>();
            List<String> distinct = new ArrayList<>();
            for (Item i : concat(stream, holdout)) {
                if (!emb.containsKey(i.text())) {
                    emb.put(i.text(), null);
                    distinct.add(i.text());
                }
            }
            float[][] e = encoder.embedAll(distinct, 32);
            for (int i = 0; i < distinct.size(); i++) {
                emb.put(distinct.get(i), e[i]);
            }
            System.out.printf(Locale.ROOT, "embedded %d texts in %.1f s%n", distinct.size(), (System.nanoTime() - t0) / 1e9);

            List<Item> feedback = new ArrayList<>(stream.subList(0, Math.min(seedSize, stream.size())));
            Trained model = retrain(feedback, emb, cfg, target);
            int version = 1;
            int sinceRetrain = 0;
            List<Map<String, Object>> rows = new ArrayList<>();
            System.out.println("| chunk | items | automated | auto accuracy | automation | reviews | version | threshold |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int start = feedback.size(), c = 1; start < stream.size(); start += chunk, c++) {
                List<Item> part = stream.subList(start, Math.min(stream.size(), start + chunk));
                int automated = 0;
                int right = 0;
                for (Item item : part) {
                    double[] p = predict(model.model(), item.text(), emb);
                    int best = argmax(p);
                    if (model.threshold() != null && p[best] >= model.threshold()) {
                        automated++;
                        right += model.model().labels().get(best).equals(item.label()) ? 1 : 0;
                    } else {
                        feedback.add(item); // the reviewer's true label becomes feedback
                        sinceRetrain++;
                    }
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("chunk", c);
                row.put("items", part.size());
                row.put("automated", automated);
                row.put("automatedAccuracy", automated == 0 ? null : round((double) right / automated));
                row.put("automationRate", round((double) automated / part.size()));
                row.put("reviews", feedback.size());
                row.put("modelVersion", version);
                row.put("threshold", model.threshold());
                rows.add(row);
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %s | %.3f | %d | v%d | %s |%n", c, part.size(),
                        automated, automated == 0 ? "-" : String.format(Locale.ROOT, "%.4f", (double) right / automated),
                        (double) automated / part.size(), feedback.size(), version, model.threshold());
                if (sinceRetrain >= retrainEvery) {
                    model = retrain(feedback, emb, cfg, target);
                    version++;
                    sinceRetrain = 0;
                }
            }

            if (sinceRetrain > 0) { // the stream's last reviews reach the model too, as the next retraining would
                model = retrain(feedback, emb, cfg, target);
                version++;
            }
            int automated = 0;
            int right = 0;
            for (Item item : holdout) {
                double[] p = predict(model.model(), item.text(), emb);
                int best = argmax(p);
                if (model.threshold() != null && p[best] >= model.threshold()) {
                    automated++;
                    right += model.model().labels().get(best).equals(item.label()) ? 1 : 0;
                }
            }
            double automation = holdout.isEmpty() ? 0 : (double) automated / holdout.size();
            double precision = automated == 0 ? 0 : (double) right / automated;

            // Retraining time for 10k examples (embeddings excluded: the product embeds each text once per training)
            List<Item> tenK = concat(stream, holdout).subList(0, Math.min(10_000, stream.size() + holdout.size()));
            long t1 = System.nanoTime();
            HeadTrainer.train(tenK.stream().map(Item::text).toList(), tenK.stream().map(Item::label).toList(),
                    tenK.stream().map(i -> emb.get(i.text())).toArray(float[][]::new), cfg);
            double train10k = (System.nanoTime() - t1) / 1e9;

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("stream", stream.size());
            result.put("holdout", holdout.size());
            result.put("target", target);
            result.put("automation", round(automation));
            result.put("precision", round(precision));
            result.put("reviews", feedback.size());
            result.put("versions", version);
            result.put("threshold", model.threshold());
            result.put("retrainSecondsFor", tenK.size());
            result.put("retrainSeconds", round(train10k));
            result.put("chunks", rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(work.resolve("learning-curve.json").toFile(), result);
            System.out.printf(Locale.ROOT, "hold-out: %d items, %.1f %% automated at %.2f %% precision; "
                            + "retraining on %d examples took %.1f s%n", holdout.size(), automation * 100,
                    precision * 100, tenK.size(), train10k);
            System.out.printf(Locale.ROOT, "RESULT learning-curve automation=%.4f precision=%.4f reviews=%d "
                            + "versions=%d retrain_10k_s=%.1f%n", automation, precision, feedback.size(), version,
                    train10k);
        }
    }

    private record Trained(TextModel model, Double threshold) {
    }

    /** Newest 20 % of the feedback held out (time-aware, as the retraining process does) to derive the threshold. */
    private static Trained retrain(List<Item> feedback, Map<String, float[]> emb, TrainingConfig cfg, double target) {
        int cut = (int) (feedback.size() * 0.8);
        List<Item> train = feedback.subList(0, cut);
        List<Item> test = feedback.subList(cut, feedback.size());
        TextModel m = HeadTrainer.train(train.stream().map(Item::text).toList(), train.stream().map(Item::label).toList(),
                train.stream().map(i -> emb.get(i.text())).toArray(float[][]::new), cfg).model();
        double[] conf = new double[test.size()];
        boolean[] ok = new boolean[test.size()];
        for (int i = 0; i < test.size(); i++) {
            double[] p = predict(m, test.get(i).text(), emb);
            int best = argmax(p);
            conf[i] = p[best];
            ok[i] = m.labels().get(best).equals(test.get(i).label());
        }
        return new Trained(m, Calibration.threshold(conf, ok, target).threshold());
    }

    private static double[] predict(TextModel m, String text, Map<String, float[]> emb) {
        return m.probabilities(m.sparse(text), m.needsEmbedding() ? emb.get(text) : null);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** ../shared/datasets/banking77/train.csv, looked up from the project root upwards (worktrees sit deeper). */
    private static Path defaultDataset(Path cwd) {
        Path rel = Path.of("shared/datasets/banking77/train.csv");
        for (Path p = cwd.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(rel))) {
                return p.resolve(rel);
            }
        }
        return BenchArgs.path("../" + rel);
    }

    private static List<Item> read(Path csv) throws Exception {
        return ClassifyBench.readCsv(csv).stream().map(r -> new Item(r[0], r[1])).toList();
    }

    private static List<Item> concat(List<Item> a, List<Item> b) {
        List<Item> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
