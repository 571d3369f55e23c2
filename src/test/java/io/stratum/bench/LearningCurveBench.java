package io.stratum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TrainingConfig;
import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SentenceEncoder;
import io.stratum.learning.Calibration;
import io.stratum.learning.ChampionChallenger;
import io.stratum.learning.Feedback;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * current model decides, decisions at or above the threshold in force are automated, the rest go to a simulated
 * reviewer who answers with the true label (feedback). Every {@code --retrain-every} feedback items the model is
 * retrained the way the retraining process does it: the product's time-ordered split (ChampionChallenger.split,
 * newest share held out), HeadTrainer with the shipped config (its own 10 % hold-out for temperatures, then the
 * refit) on the older feedback, and the product's threshold calibration with its guard rails: precision estimated over
 * the stream inputs classified since the first held-out feedback item (of the last {@code --population}, as
 * RecentInputs holds them; Calibration.window: labelled ones as their outcome, the others by the accuracy per
 * confidence fit on the hold-out, where the spot checks of {@code --spot-check R} weigh 1/R, starting from the
 * confidence taken at its word with the weight of {@code --prior} items), {@code --bound} standard errors down,
 * aiming {@code --margin} above the target ({@code --calibration reviewed}: the hold-out alone); Calibration.decide: fewer than {@code --min-items} items never lower the configured threshold, never below the
 * floor. {@code --order-seed} shuffles the data differently (a second stream), {@code --dump DIR} writes every
 * version's confidences on all items and the stream's decisions for offline study, {@code --dump-calibration DIR}
 * each calibration's inputs, {@code --dump-experts DIR} the final model's three experts' log-probabilities on the
 * hold-out (to study how they are mixed). Every decision is made as the product makes it (TextPipeline): the n-gram
 * expert alone when it is sure enough (the cascade), else the full model.
 * <pre>
 * ./stratum bench learning-curve [--stream CSV] [--holdout CSV] [--chunk 1000] [--seed-size 500]
 *                                [--retrain-every 500] [--target 0.98] [--epochs 30] [--holdout-share 0.2]
 *                                [--configured 0.85] [--min-items 200] [--floor 0.5] [--correction-weight 1]
 *                                [--calibration window|reviewed] [--population 10000] [--min-population 200]
 *                                [--spot-check 0.1] [--bound 1.5] [--prior 1000] [--margin 0] [--order-seed 42]
 *                                [--dump DIR] [--dump-calibration DIR] [--dump-experts DIR]
 *                                [--head-holdout 0.1] [--skip-retrain-time] [--retrain-only] [--no-refit]
 *                                [--orders 42,7,1,2,3 [--goal-automation 0.8]]
 * </pre>
 * {@code --orders} replays the stream in each of these orders (order seeds) and prints one row per order, how many
 * meet the goal ({@code --goal-automation} of the hold-out automated at {@code --target} precision or better), the
 * minimum and mean automation and precision, and writes target/bench/learning-curve-orders.json.
 * Each version is trained, evaluated and calibrated without the newest {@code --holdout-share} of its feedback, then
 * trained again on all of it, and that refit serves with the threshold found for the first, as the product does
 * ({@code ModelKind.servesRefit}); {@code --no-refit} serves the first (the product until session 15). With the refit,
 * the first model is also scored beside it at every threshold in force, on the stream after each version and on the
 * hold-out: whether the threshold found for the one holds for the other is measured, not assumed.
 * Default: ../shared/datasets/banking77/train.csv shuffled (order seed 42), the last 20 % as hold-out, the rest as stream.
 * BANKING77's 77 intents share no label with the bootstrap support-topic model, so the curve starts from a model
 * trained on the stream's first {@code --seed-size} items (as if a reviewer labelled them: they count as reviews),
 * and training uses feedback only (no generated bootstrap examples to weigh it against).
 * Sentence embeddings are cached under target/bench (keyed by the texts), so reruns skip the slowest step.
 */
class LearningCurveBench {

    /**
     * A labelled inquiry; {@code predicted}: what the model proposed when it went to review (null before);
     * {@code weight}: how many decisions its review stands for (1/rate for a spot check of a confident decision);
     * {@code pos}: its place in the stream (when it was classified).
     */
    private record Item(String text, String label, String predicted, double weight, int pos) {
        Item reviewed(String proposal) {
            return new Item(text, label, proposal, 1, pos);
        }

        Item spotChecked(String proposal, double rate) {
            return new Item(text, label, proposal, 1 / rate, pos);
        }

        Item at(int position) {
            return new Item(text, label, predicted, weight, position);
        }
    }

    @Test
    void learningCurve() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        Path cwd = Path.of(System.getProperty("bench.cwd", "."));
        if (!args.containsKey("orders")) {
            run(args, cwd, true);
            return;
        }
        // The goal must hold for the data, not for one lucky order of it: the same replay over several stream orders
        List<Map<String, Object>> results = new ArrayList<>();
        for (String seed : args.get("orders").split(",")) {
            Map<String, String> one = new HashMap<>(args);
            one.remove("orders");
            one.put("order-seed", seed.trim());
            one.put("skip-retrain-time", "");
            Map<String, Object> result = run(one, cwd, false);
            assumeTrue(result != null, "--orders replays streams; not with --retrain-only");
            results.add(result);
        }
        double target = Double.parseDouble(args.getOrDefault("target", "0.98"));
        double goal = Double.parseDouble(args.getOrDefault("goal-automation", "0.8"));
        System.out.println("| order seed | hold-out automated | precision | oracle at target | threshold | reviews "
                + "| goal met | evaluated model at that threshold | stream: refit / evaluated |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        int met = 0;
        for (Map<String, Object> r : results) {
            double automation = (double) r.get("automation");
            double precision = (double) r.get("precision");
            boolean ok = automation >= goal && precision >= target;
            met += ok ? 1 : 0;
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Integer>> premise = (Map<String, Map<String, Integer>>) r.get("refitPremise");
            System.out.printf(Locale.ROOT, "| %s | %.1f %% | %.2f %% | %.1f %% | %s | %d | %s | %s | %s / %s |%n",
                    r.get("orderSeed"), automation * 100, precision * 100, (double) r.get("oracleAutomation") * 100,
                    r.get("threshold"), (int) r.get("reviews"), ok ? "yes" : "no",
                    premise == null ? "-" : share(premise.get("holdoutEvaluated")),
                    premise == null ? "-" : share(premise.get("streamServed")),
                    premise == null ? "-" : share(premise.get("streamEvaluated")));
        }
        double automationMin = results.stream().mapToDouble(r -> (double) r.get("automation")).min().orElse(0);
        double automationMean = results.stream().mapToDouble(r -> (double) r.get("automation")).average().orElse(0);
        double precisionMin = results.stream().mapToDouble(r -> (double) r.get("precision")).min().orElse(0);
        double precisionMean = results.stream().mapToDouble(r -> (double) r.get("precision")).average().orElse(0);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("goal", Map.of("automation", goal, "precision", target));
        summary.put("orders", results.size());
        summary.put("met", met);
        summary.put("automationMin", round(automationMin));
        summary.put("automationMean", round(automationMean));
        summary.put("precisionMin", round(precisionMin));
        summary.put("precisionMean", round(precisionMean));
        summary.put("runs", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                cwd.resolve("target/bench/learning-curve-orders.json").toFile(), summary);
        System.out.printf(Locale.ROOT, "RESULT learning-curve orders=%d met=%d automation_min=%.4f automation_mean=%.4f "
                + "precision_min=%.4f precision_mean=%.4f%n", results.size(), met, automationMin, automationMean,
                precisionMin, precisionMean);
    }

    /**
     * One replay (or with {@code --retrain-only} the 10k retraining time alone, returning null); its result as written
     * to learning-curve.json, and the RESULT line when {@code resultLine}.
     */
    private static Map<String, Object> run(Map<String, String> args, Path cwd, boolean resultLine) throws Exception {
        Path defaultData = defaultDataset(cwd);
        List<Item> stream;
        List<Item> holdout;
        if (args.containsKey("stream")) {
            stream = read(BenchArgs.path(args.get("stream")));
            holdout = args.containsKey("holdout") ? read(BenchArgs.path(args.get("holdout"))) : List.of();
        } else {
            assumeTrue(Files.exists(defaultData), "BANKING77 not present at " + defaultData + ": skipping");
            List<Item> all = new ArrayList<>(read(defaultData));
            Collections.shuffle(all, new Random(Long.parseLong(args.getOrDefault("order-seed", "42"))));
            int cut = (int) (all.size() * 0.8);
            stream = all.subList(0, cut);
            holdout = all.subList(cut, all.size());
        }
        List<Item> positioned = new ArrayList<>(stream.size());
        for (int i = 0; i < stream.size(); i++) {
            positioned.add(stream.get(i).at(i));
        }
        stream = positioned;
        int chunk = Integer.parseInt(args.getOrDefault("chunk", "1000"));
        int seedSize = Integer.parseInt(args.getOrDefault("seed-size", "500"));
        int retrainEvery = Integer.parseInt(args.getOrDefault("retrain-every", "500"));
        double spotCheck = Double.parseDouble(args.getOrDefault("spot-check", "0.1"));
        double bound = Double.parseDouble(args.getOrDefault("bound", "1.5"));
        Random sampling = new Random(7);
        double target = Double.parseDouble(args.getOrDefault("target", "0.98"));
        TrainingConfig cfg = IntelligenceSettings.defaultTraining()
                .withEpochs(Integer.parseInt(args.getOrDefault("epochs", "30")))
                .withHoldout(Double.parseDouble(args.getOrDefault("head-holdout", "0.1")));
        String calibration = args.getOrDefault("calibration", "window");
        if (!calibration.equals("window") && !calibration.equals("reviewed")) {
            throw new IllegalArgumentException("--calibration window|reviewed, not " + calibration);
        }
        Recipe recipe = new Recipe(cfg, target, Double.parseDouble(args.getOrDefault("holdout-share", "0.2")),
                Double.parseDouble(args.getOrDefault("configured", "0.85")),
                Integer.parseInt(args.getOrDefault("min-items", "200")),
                Double.parseDouble(args.getOrDefault("floor", "0.5")),
                Integer.parseInt(args.getOrDefault("correction-weight", "1")), bound,
                calibration.equals("window"), Integer.parseInt(args.getOrDefault("min-population", "200")),
                Double.parseDouble(args.getOrDefault("margin", "0")), !args.containsKey("no-refit"),
                args.containsKey("dump-calibration") ? BenchArgs.path(args.get("dump-calibration"))
                        .resolve("order-" + args.getOrDefault("order-seed", "42")) : null,
                Double.parseDouble(args.getOrDefault("prior", "1000")));
        int populationSize = Integer.parseInt(args.getOrDefault("population",
                String.valueOf(io.stratum.intelligence.RecentInputs.CAPACITY)));

        Path work = cwd.resolve("target/bench");
        Files.createDirectories(work);
        EncoderModel form = EncoderModel.byId(args.getOrDefault("encoder", EncoderModel.DEFAULT.id()));
        try (SentenceEncoder encoder = SentenceEncoder.open(form, work.resolve("encoder"), 2, 128, 1)) {
            List<Item> tenK = concat(stream, holdout).subList(0, Math.min(10_000, stream.size() + holdout.size()));
            if (args.containsKey("retrain-only")) {
                RetrainTime t = retrainTime(tenK, work, form);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(work.resolve("learning-curve.json").toFile(), t.json());
                System.out.println(t.line());
                System.out.printf(Locale.ROOT, "RESULT learning-curve retrain_10k_s=%.1f retrain_10k_cpu_s=%.1f "
                        + "embed_10k_s=%.1f heads_10k_s=%.1f retrain_10k_cached_s=%.1f%n", t.totalSeconds(),
                        t.totalCpuSeconds(), t.embedSeconds(), t.headSeconds(), t.cachedSeconds());
                return null;
            }
            long t0 = System.nanoTime();
            Map<String, float[]> emb = new HashMap<>();
            List<String> distinct = new ArrayList<>();
            for (Item i : concat(stream, holdout)) {
                if (!emb.containsKey(i.text())) {
                    emb.put(i.text(), null);
                    distinct.add(i.text());
                }
            }
            float[][] e = cachedEmbeddings(work, distinct, encoder);
            for (int i = 0; i < distinct.size(); i++) {
                emb.put(distinct.get(i), e[i]);
            }
            System.out.printf(Locale.ROOT, "embedded %d texts in %.1f s%n", distinct.size(), (System.nanoTime() - t0) / 1e9);

            List<Item> feedback = new ArrayList<>(stream.subList(0, Math.min(seedSize, stream.size())).stream()
                    .map(i -> i.reviewed(i.label())).toList()); // labelled by a person, no proposal to correct
            // The newest inputs the product classified, reviewed or not (RecentInputs): calibration's population.
            java.util.ArrayDeque<Integer> recent = new java.util.ArrayDeque<>();
            feedback.forEach(i -> remember(recent, i.pos(), populationSize));
            Trained model = retrain(feedback, emb, recipe, List.copyOf(recent), stream);
            int version = 1;
            Path dump = args.containsKey("dump") ? BenchArgs.path(args.get("dump")) : null;
            List<String> log = new ArrayList<>(); // per stream item: index, version, threshold, outcome
            for (int i = 0; i < feedback.size(); i++) {
                log.add(i + ",0,,seed");
            }
            dump(dump, version, model, stream, holdout, emb, feedback.size());
            int sinceRetrain = 0;
            // The refit's premise, measured: at each version's threshold, the served refit against the model that
            // threshold was found for, on every stream item after the version (none trained on by either)
            Shadow servedOnStream = new Shadow();
            Shadow evaluatedOnStream = new Shadow();
            List<Map<String, Object>> rows = new ArrayList<>();
            System.out.println("| chunk | items | automated | auto accuracy | automation | spot checks | reviews "
                    + "| version | threshold |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int start = feedback.size(), c = 1; start < stream.size(); start += chunk, c++) {
                List<Item> part = stream.subList(start, Math.min(stream.size(), start + chunk));
                int automated = 0;
                int right = 0;
                int spotted = 0;
                for (int j = 0; j < part.size(); j++) {
                    Item item = part.get(j);
                    String at = (start + j) + "," + version + ","
                            + (model.threshold() == null ? "" : model.threshold());
                    remember(recent, item.pos(), populationSize);
                    double[] p = predict(model.model(), item.text(), emb);
                    int best = argmax(p);
                    boolean confident = model.threshold() != null && p[best] >= model.threshold();
                    if (model.evaluated() != null && model.threshold() != null) {
                        servedOnStream.add(model.model(), p, model.threshold(), item.label());
                        evaluatedOnStream.add(model.evaluated(), predict(model.evaluated(), item.text(), emb),
                                model.threshold(), item.label());
                    }
                    if (confident && spotCheck > 0 && sampling.nextDouble() < spotCheck) {
                        // A confident decision picked for a spot check goes to a person too: unbiased calibration.
                        feedback.add(item.spotChecked(model.model().labels().get(best), spotCheck));
                        sinceRetrain++;
                        spotted++;
                        log.add(at + ",spot");
                    } else if (confident) {
                        automated++;
                        right += model.model().labels().get(best).equals(item.label()) ? 1 : 0;
                        log.add(at + ",auto");
                    } else {
                        feedback.add(item.reviewed(model.model().labels().get(best))); // the true label: feedback
                        sinceRetrain++;
                        log.add(at + ",review");
                    }
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("chunk", c);
                row.put("items", part.size());
                row.put("automated", automated);
                row.put("automatedAccuracy", automated == 0 ? null : round((double) right / automated));
                row.put("automationRate", round((double) automated / part.size()));
                row.put("spotChecks", spotted);
                row.put("reviews", feedback.size());
                row.put("modelVersion", version);
                row.put("threshold", model.threshold());
                rows.add(row);
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %s | %.3f | %d | %d | v%d | %s |%n", c, part.size(),
                        automated, automated == 0 ? "-" : String.format(Locale.ROOT, "%.4f", (double) right / automated),
                        (double) automated / part.size(), spotted, feedback.size(), version, model.threshold());
                if (sinceRetrain >= retrainEvery) {
                    model = retrain(feedback, emb, recipe, List.copyOf(recent), stream);
                    version++;
                    sinceRetrain = 0;
                    dump(dump, version, model, stream, holdout, emb, feedback.size());
                }
            }

            if (sinceRetrain > 0) { // the stream's last reviews reach the model too, as the next retraining would
                model = retrain(feedback, emb, recipe, List.copyOf(recent), stream);
                version++;
                dump(dump, version, model, stream, holdout, emb, feedback.size());
            }
            if (dump != null) {
                Files.write(dump.resolve("stream.csv"), log);
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
            // Diagnostic only: the best any threshold could do on the hold-out (chosen with its labels)
            double[] hc = new double[holdout.size()];
            boolean[] hok = new boolean[holdout.size()];
            for (int i = 0; i < holdout.size(); i++) {
                double[] p = predict(model.model(), holdout.get(i).text(), emb);
                int best = argmax(p);
                hc[i] = p[best];
                hok[i] = model.model().labels().get(best).equals(holdout.get(i).label());
            }
            Calibration.Threshold oracle = Calibration.threshold(hc, hok, target);
            Shadow evaluatedOnHoldout = new Shadow();
            if (model.evaluated() != null && model.threshold() != null) {
                for (Item item : holdout) {
                    evaluatedOnHoldout.add(model.evaluated(), predict(model.evaluated(), item.text(), emb),
                            model.threshold(), item.label());
                }
                System.out.printf(Locale.ROOT, "refit against the model its threshold was found for, at the "
                                + "thresholds in force: stream after each version (%d items) served refit %s, "
                                + "evaluated model %s; hold-out served refit %.1f %% at %.2f %%, evaluated model %s%n",
                        servedOnStream.items, servedOnStream, evaluatedOnStream, automation * 100, precision * 100,
                        evaluatedOnHoldout);
            }
            if (args.containsKey("dump-experts")) {
                dumpExperts(BenchArgs.path(args.get("dump-experts")).resolve("order-"
                        + args.getOrDefault("order-seed", "42") + ".csv"), model.model(), holdout, emb);
            }
            dumpCalibration(recipe, -1, Map.of("confidence", hc, "correct", hok,
                    "threshold", String.valueOf(model.threshold())));
            long spotChecks = feedback.stream().filter(i -> i.weight() != 1).count();
            System.out.printf(Locale.ROOT, "spot checks of confident decisions: %d (rate %s)%n", spotChecks, spotCheck);
            // Chunks automating at least 100 decisions: fewer say little about a 98 % promise
            double[] chunkPrecision = rows.stream().filter(row -> (int) row.get("automated") >= 100)
                    .mapToDouble(row -> (double) row.get("automatedAccuracy")).toArray();
            double chunkMin = java.util.Arrays.stream(chunkPrecision).min().orElse(Double.NaN);
            double chunkMax = java.util.Arrays.stream(chunkPrecision).max().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "stream chunks automating >= 100 decisions: precision %.2f-%.2f %%%n",
                    chunkMin * 100, chunkMax * 100);
            System.out.printf(Locale.ROOT, "hold-out after the stream: %.1f %% automated at %.2f %% precision "
                    + "(threshold %s, %s), %d reviews, %d versions%n", automation * 100, precision * 100,
                    model.threshold(), model.source(), feedback.size(), version);
            System.out.printf(Locale.ROOT, "diagnostic: hold-out oracle threshold %s would automate %.1f %% at %.2f %%"
                    + "; threshold in force %s%n", oracle.threshold(), oracle.automationRate() * 100,
                    oracle.precision() * 100, model.threshold());

            RetrainTime retrain10k = args.containsKey("skip-retrain-time") ? null : retrainTime(tenK, work, form);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("stream", stream.size());
            result.put("holdout", holdout.size());
            result.put("target", target);
            result.put("automation", round(automation));
            result.put("precision", round(precision));
            result.put("reviews", feedback.size());
            result.put("spotCheckRate", spotCheck);
            result.put("spotChecks", spotChecks);
            result.put("chunkPrecisionMin", chunkMin);
            result.put("chunkPrecisionMax", chunkMax);
            result.put("orderSeed", args.getOrDefault("order-seed", "42"));
            result.put("versions", version);
            result.put("threshold", model.threshold());
            result.put("thresholdSource", model.source());
            Map<String, Object> recipeJson = new LinkedHashMap<>(Map.of("holdoutShare", recipe.holdoutShare(),
                    "configured", recipe.configured(), "minItems", recipe.minItems(), "floor", recipe.floor(),
                    "epochs", cfg.epochs(), "correctionWeight", recipe.correctionWeight(), "bound", recipe.bound(),
                    "prior", recipe.prior()));
            recipeJson.putAll(Map.of("calibration", calibration, "population", populationSize,
                    "headHoldout", cfg.holdout(), "margin", recipe.margin()));
            result.put("recipe", recipeJson);
            result.put("oracleAutomation", oracle.automationRate());
            if (servedOnStream.items > 0) {
                result.put("refitPremise", Map.of("streamServed", servedOnStream.json(),
                        "streamEvaluated", evaluatedOnStream.json(), "holdoutEvaluated", evaluatedOnHoldout.json()));
            }
            result.put("retrain", retrain10k == null ? null : retrain10k.json());
            result.put("chunks", rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(work.resolve("learning-curve.json").toFile(), result);
            System.out.printf(Locale.ROOT, "hold-out: %d items, %.1f %% automated at %.2f %% precision%n",
                    holdout.size(), automation * 100, precision * 100);
            if (retrain10k != null) {
                System.out.println(retrain10k.line());
            }
            if (resultLine) {
                System.out.printf(Locale.ROOT, "RESULT learning-curve automation=%.4f precision=%.4f reviews=%d "
                                + "spot_checks=%d chunk_precision_min=%.4f versions=%d retrain_10k_s=%s "
                                + "retrain_10k_cpu_s=%s%n",
                        automation, precision, feedback.size(), spotChecks, chunkMin, version,
                        retrain10k == null ? "-" : retrain10k.totalSeconds(),
                        retrain10k == null ? "-" : retrain10k.totalCpuSeconds());
            }
            return result;
        }
    }

    /** {@code evaluated}: the model the threshold was found for, when another one (the refit) serves; else null. */
    private record Trained(TextModel model, Double threshold, String source, TextModel evaluated) {
    }

    private static String share(Map<String, Integer> counts) {
        return share(counts.get("items"), counts.get("automated"), counts.get("right"));
    }

    /** "automated share at precision" */
    private static String share(int items, int automated, int right) {
        return items == 0 ? "-" : String.format(Locale.ROOT, "%.1f %% at %.2f %%", 100.0 * automated / items,
                automated == 0 ? 0 : 100.0 * right / automated);
    }

    /** Decisions a model would automate at a threshold, and how many of them are right. */
    private static final class Shadow {
        int items;
        int automated;
        int right;

        void add(TextModel m, double[] p, double threshold, String label) {
            int best = argmax(p);
            items++;
            if (p[best] >= threshold) {
                automated++;
                right += m.labels().get(best).equals(label) ? 1 : 0;
            }
        }

        Map<String, Object> json() {
            return Map.of("items", items, "automated", automated, "right", right);
        }

        @Override
        public String toString() {
            return share(items, automated, right);
        }
    }

    /**
     * Wall and CPU seconds of one product retraining on {@code examples} texts: embedding with nothing cached yet,
     * then both heads; and the embedding step again once every text is in the embedding cache (a retraining after
     * an earlier one or after a start: only texts new since then are embedded).
     */
    private record RetrainTime(int examples, double embedSeconds, double embedCpuSeconds, double headSeconds,
                               double headCpuSeconds, double cachedEmbedSeconds, TrainingConfig cfg) {
        double totalSeconds() {
            return round(embedSeconds + headSeconds);
        }

        double totalCpuSeconds() {
            return round(embedCpuSeconds + headCpuSeconds);
        }

        double cachedSeconds() {
            return round(cachedEmbedSeconds + headSeconds);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("examples", examples);
            m.put("embedSeconds", embedSeconds);
            m.put("embedCpuSeconds", embedCpuSeconds);
            m.put("headSeconds", headSeconds);
            m.put("headCpuSeconds", headCpuSeconds);
            m.put("totalSeconds", totalSeconds());
            m.put("totalCpuSeconds", totalCpuSeconds());
            m.put("cachedEmbedSeconds", cachedEmbedSeconds);
            m.put("cachedTotalSeconds", cachedSeconds());
            m.put("holdout", cfg.holdout());
            m.put("refit", cfg.refit());
            m.put("epochs", cfg.epochs());
            return m;
        }

        String line() {
            return String.format(Locale.ROOT, "retraining on %d examples as the product does (a model to evaluate on "
                            + "the oldest 80 %%, one to serve on all; holdout %.2f, refit %s, %d epochs): %.1f s (%.1f s CPU) = embedding %.1f s (%.1f s CPU) + heads %.1f s (%.1f s CPU);"
                            + " with the texts in the embedding cache %.1f s (embedding %.2f s)",
                    examples, cfg.holdout(), cfg.refit(), cfg.epochs(), totalSeconds(), totalCpuSeconds(),
                    embedSeconds, embedCpuSeconds, headSeconds, headCpuSeconds, cachedSeconds(), cachedEmbedSeconds);
        }
    }

    /**
     * Times a retraining on these examples with the shipped training settings and the product's encoder setup (an
     * embedding cache, empty at first), not the stream's lighter recipe.
     */
    private static RetrainTime retrainTime(List<Item> examples, Path work, EncoderModel form) throws Exception {
        TrainingConfig cfg = IntelligenceSettings.defaultTraining();
        List<String> texts = examples.stream().map(Item::text).toList();
        Path cacheDir = Files.createTempDirectory(work, "embedding-cache");
        try (SentenceEncoder encoder = SentenceEncoder.open(form, work.resolve("encoder"), 2, 128, 1, cacheDir)) {
            encoder.embedAll(List.of("warm-up"), 32);
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            float[][] embeddings = encoder.embedAll(texts, 32);
            double embed = (System.nanoTime() - t0) / 1e9;
            double embedCpu = (processCpuNanos() - c0) / 1e9;
            long t1 = System.nanoTime();
            long c1 = processCpuNanos();
            // As a text retraining does: the model to evaluate without the newest 20 % (the evaluation hold-out),
            // then the model to serve on all of it (ModelKind.servesRefit)
            int evaluated = (int) Math.round(texts.size() * 0.8);
            List<String> labels = examples.stream().map(Item::label).toList();
            HeadTrainer.train(texts.subList(0, evaluated), labels.subList(0, evaluated),
                    java.util.Arrays.copyOf(embeddings, evaluated), cfg);
            HeadTrainer.train(texts, labels, embeddings, cfg);
            double heads = (System.nanoTime() - t1) / 1e9;
            double headsCpu = (processCpuNanos() - c1) / 1e9;
            long t2 = System.nanoTime();
            encoder.embedAll(texts, 32);
            double cached = (System.nanoTime() - t2) / 1e9;
            return new RetrainTime(examples.size(), round(embed), round(embedCpu), round(heads), round(headsCpu),
                    round(cached), cfg);
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(cacheDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The retraining settings the bench replays (defaults: the shipped application.yaml values). */
    private record Recipe(TrainingConfig cfg, double target, double holdoutShare, double configured, int minItems,
                          double floor, int correctionWeight, double bound, boolean window, int minPopulation,
                          double margin, boolean refit, Path calibrationDump, double prior) {
    }

    private static void remember(java.util.ArrayDeque<Integer> recent, int pos, int capacity) {
        recent.addLast(pos);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
    }

    /**
     * Retrains the way the retraining process does: the product's time-ordered split (newest share of the feedback
     * held out, {@link ChampionChallenger#split}), training on the older feedback, then the product's calibration on
     * the hold-out ({@link Calibration#threshold}) with its guard rails ({@link Calibration#decide}: too few items
     * never lower the configured threshold, never below the floor).
     */
    private static Trained retrain(List<Item> feedback, Map<String, float[]> emb, Recipe r, List<Integer> recent,
                                   List<Item> stream) {
        List<Feedback> records = new ArrayList<>(feedback.size());
        Map<String, Double> weights = new HashMap<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < feedback.size(); i++) {
            Item it = feedback.get(i);
            records.add(new Feedback("f" + i, "bench", 1, it.text(), it.predicted(), it.label(), "reviewer", null,
                    t0.plusSeconds(i), "bench", null, null));
            weights.put("f" + i, it.weight());
        }
        ChampionChallenger.Split split = ChampionChallenger.split(records, r.holdoutShare(), 2);
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Feedback f : split.train()) {
            int copies = f.overridden() ? r.correctionWeight() : 1;
            for (int c = 0; c < copies; c++) {
                texts.add(f.input());
                labels.add(f.corrected());
            }
        }
        TextModel m = HeadTrainer.train(texts, labels, texts.stream().map(emb::get).toArray(float[][]::new), r.cfg())
                .model();
        List<Feedback> test = split.holdout();
        double[] conf = new double[test.size()];
        boolean[] ok = new boolean[test.size()];
        double[] weight = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            double[] p = predict(m, test.get(i).input(), emb);
            int best = argmax(p);
            conf[i] = Math.round(p[best] * 10000) / 10000.0; // as the product's predictions round
            ok[i] = m.labels().get(best).equals(test.get(i).corrected());
            weight[i] = weights.get(test.get(i).id());
        }
        Calibration.Threshold derived;
        // The window: stream inputs classified since the first unseen feedback item, as RecentInputs.since gives them
        java.util.Set<String> trainedOn = new java.util.HashSet<>(texts);
        int from = test.isEmpty() ? Integer.MAX_VALUE
                : feedback.get(Integer.parseInt(test.get(0).id().substring(1))).pos();
        List<Integer> window = recent.stream().filter(pos -> pos >= from && !trainedOn.contains(stream.get(pos).text()))
                .toList();
        if (r.window() && window.size() >= r.minPopulation()) {
            java.util.Set<Integer> labelled = new java.util.HashSet<>();
            boolean[] inWindow = new boolean[test.size()];
            java.util.Set<Integer> windowSet = new java.util.HashSet<>(window);
            for (int i = 0; i < test.size(); i++) {
                int pos = feedback.get(Integer.parseInt(test.get(i).id().substring(1))).pos();
                inWindow[i] = windowSet.contains(pos);
                labelled.add(pos);
            }
            double[] others = window.stream().filter(pos -> !labelled.contains(pos)).mapToDouble(pos -> {
                double[] p = predict(m, stream.get(pos).text(), emb);
                return Math.round(p[argmax(p)] * 10000) / 10000.0;
            }).toArray();
            derived = Calibration.window(conf, ok, weight, inWindow, others, Math.min(1, r.target() + r.margin()),
                    r.bound(), r.prior());
            dumpCalibration(r, feedback.size(), Map.of("confidence", conf, "correct", ok, "weight", weight,
                    "inWindow", inWindow, "unlabeled", others, "derived", String.valueOf(derived.threshold())));
        } else {
            derived = Calibration.threshold(conf, ok, weight, r.target(), r.bound());
        }
        Calibration.Decision d = Calibration.decide(r.configured(), derived, r.minItems(), r.floor());
        Calibration.Threshold reviewedOnly = Calibration.threshold(conf, ok, weight, r.target(), r.bound());
        System.out.printf(Locale.ROOT, "  retrained on %d (%d held out): derived %s (expected precision %.4f, "
                        + "automation %.3f; reviewed items alone: %s) -> in force %s (%s)%n", texts.size(),
                test.size(), derived.threshold(), derived.precision(), derived.automationRate(),
                reviewedOnly.threshold(), d.threshold(), d.source());
        if (r.refit()) { // as the product: the threshold found on the newest feedback, the model trained on all of it
            List<String> allTexts = new ArrayList<>(texts);
            List<String> allLabels = new ArrayList<>(labels);
            for (Feedback f : test) {
                allTexts.add(f.input());
                allLabels.add(f.corrected());
            }
            return new Trained(HeadTrainer.train(allTexts, allLabels,
                    allTexts.stream().map(emb::get).toArray(float[][]::new), r.cfg()).model(), d.threshold(),
                    d.source(), m);
        }
        return new Trained(m, d.threshold(), d.source(), null);
    }

    /**
     * For offline study of the threshold estimate ({@code --dump-calibration DIR}): each calibration's inputs as
     * {@code DIR/order-SEED/cal-FEEDBACK.json}, and the final version's hold-out confidences as {@code final.json}.
     */
    private static void dumpCalibration(Recipe r, int feedback, Map<String, Object> data) {
        if (r.calibrationDump() == null) {
            return;
        }
        try {
            Files.createDirectories(r.calibrationDump());
            new ObjectMapper().writeValue(r.calibrationDump().resolve(feedback < 0 ? "final.json"
                    : "cal-" + feedback + ".json").toFile(), data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * For offline study of calibration ({@code --dump DIR}): the version's confidence and correctness on every stream
     * and hold-out item, and the feedback count it was trained from (the first 80 % of it, time-ordered).
     */
    private static void dump(Path dir, int version, Trained t, List<Item> stream, List<Item> holdout,
                             Map<String, float[]> emb, int feedbackCount) throws java.io.IOException {
        if (dir == null) {
            return;
        }
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add("# feedback=" + feedbackCount + " threshold=" + t.threshold());
        List<Item> all = concat(stream, holdout);
        for (int i = 0; i < all.size(); i++) {
            double[] p = predict(t.model(), all.get(i).text(), emb);
            int best = argmax(p);
            lines.add((i < stream.size() ? "s," + i : "h," + (i - stream.size())) + ","
                    + Math.round(p[best] * 10000) / 10000.0 + ","
                    + (t.model().labels().get(best).equals(all.get(i).label()) ? 1 : 0));
        }
        Files.write(dir.resolve("v" + version + ".csv"), lines);
    }

    /** For study ({@code --dump-experts DIR}): the final model's three experts' log-probabilities per hold-out item. */
    private static void dumpExperts(Path file, TextModel m, List<Item> holdout, Map<String, float[]> emb)
            throws java.io.IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("# hashedWeight=" + m.hashedWeight() + " neighbourWeight=" + m.neighbourWeight() + " temperature="
                + m.temperature() + " hashedTemperature=" + m.hashedTemperature() + " cascade=" + m.cascadeThreshold());
        for (Item item : holdout) {
            double[][] x = m.expertLogProbabilities(m.sparse(item.text()), emb.get(item.text()));
            StringBuilder sb = new StringBuilder().append(m.labels().indexOf(item.label()));
            for (double[] e : x) {
                for (double v : e) {
                    sb.append(',').append((float) v);
                }
            }
            lines.add(sb.toString());
        }
        Files.write(file, lines);
    }

    /** Sentence embeddings cached under target/bench by a hash of the texts: reruns skip the slowest step. */
    private static float[][] cachedEmbeddings(Path work, List<String> texts, SentenceEncoder encoder) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        texts.forEach(t -> md.update((t + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path file = work.resolve("embeddings-" + encoder.form().id() + "-" + java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16)
                + ".bin");
        if (Files.exists(file)) {
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                    Files.newInputStream(file)))) {
                int n = in.readInt();
                int d = in.readInt();
                float[][] out = new float[n][d];
                for (float[] row : out) {
                    for (int j = 0; j < d; j++) {
                        row[j] = in.readFloat();
                    }
                }
                return out;
            }
        }
        float[][] e = encoder.embedAll(texts, 32);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file)))) {
            out.writeInt(e.length);
            out.writeInt(e[0].length);
            for (float[] row : e) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        }
        return e;
    }

    /** As the product predicts (TextPipeline): the n-gram expert alone when it is sure enough, else the full model. */
    private static double[] predict(TextModel m, String text, Map<String, float[]> emb) {
        io.stratum.intelligence.text.SparseVector sparse = m.sparse(text);
        double[] cheap = m.probabilitiesWithoutEmbedding(sparse);
        return cheap != null ? cheap : m.probabilities(sparse, m.needsEmbedding() ? emb.get(text) : null);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
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
        return ClassifyBench.readCsv(csv).stream().map(r -> new Item(r[0], r[1], null, 1, -1)).toList();
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
