package io.stratum.bench;

import io.stratum.intelligence.maintenance.CmapssFile;
import io.stratum.intelligence.maintenance.EngineHistory;
import io.stratum.intelligence.maintenance.RulModel;
import io.stratum.intelligence.maintenance.RulModelSettings;
import io.stratum.intelligence.maintenance.RulPredictor;
import io.stratum.intelligence.maintenance.RulTrainer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Remaining useful life on NASA C-MAPSS FD001. Without {@code --train}/{@code --predict}: 30 % of the engines of
 * {@code ../shared/datasets/cmapss/train_FD001.txt} (seeded) are the validation set, observed only until a random
 * cycle (at least 31, like the official test engines) and predicted at that last cycle; the model learns from the
 * other 70 %. The cut is drawn 10 times (seeds 0-9) to show how much the figure depends on it. RMSE against the
 * true remaining life, capped at 125 like the training target (the usual convention) and uncapped.
 * With {@code --train FILE --predict FILE [--truth RUL_FILE]}: trains on all of the first, predicts the last cycle
 * of each engine of the second (RMSE when the true lives are given, one per line). {@code --out CSV}: {@code unit,rul}.
 * {@code --model bootstrap} also scores the shipped bootstrap model (trained on Stratum's generated engines only,
 * as the server trains it) on the same validation engines and cuts, next to the FD001-trained figure.
 * <pre>./stratum bench rul [--train FILE --predict FILE --truth FILE] [--out CSV] [--epochs 60] [--model bootstrap]</pre>
 */
class RulBench {

    static final int CAP = 125;

    @Test
    void rul() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        int epochs = Integer.parseInt(args.getOrDefault("epochs", "60"));
        RulTrainer.Config cfg = new RulTrainer.Config(64, epochs, 128, 0.002, CAP, 0.0, 42);
        Map<String, Object> json = new LinkedHashMap<>();
        List<EngineHistory> predict;
        List<Double> truth = new ArrayList<>();
        RulModel model;
        String split;
        List<Double> draws = new ArrayList<>();
        List<Double> drawsUncapped = new ArrayList<>();
        double trainSeconds;
        Double bootstrapRmse = null;
        double bootstrapMean = Double.NaN;
        if (args.containsKey("train") && args.containsKey("predict")) {
            RulTrainer.Result r = RulTrainer.train(CmapssFile.read(BenchArgs.path(args.get("train")), true), cfg);
            model = r.model();
            trainSeconds = (double) r.metrics().get("trainSeconds");
            predict = CmapssFile.read(BenchArgs.path(args.get("predict")), false);
            if (args.containsKey("truth")) {
                for (String line : Files.readAllLines(BenchArgs.path(args.get("truth")))) {
                    if (!line.isBlank()) {
                        truth.add(Double.parseDouble(line.trim()));
                    }
                }
            }
            split = args.get("train") + " -> " + args.get("predict");
        } else {
            assumeTrue(Files.exists(CmapssFile.FD001), "C-MAPSS FD001 not found at " + CmapssFile.FD001);
            List<EngineHistory> all = new ArrayList<>(CmapssFile.read(CmapssFile.FD001, true));
            Collections.shuffle(all, new Random(42));
            int nVal = (int) Math.round(all.size() * 0.3);
            List<EngineHistory> validation = all.subList(0, nVal);
            RulTrainer.Result r = RulTrainer.train(all.subList(nVal, all.size()), cfg);
            model = r.model();
            trainSeconds = (double) r.metrics().get("trainSeconds");
            for (int seed = 0; seed < 10; seed++) {
                List<EngineHistory> cut = cut(validation, new Random(seed));
                List<Double> t = cut.stream().map(e -> (double) (e.failedAfter() - e.cycles().size())).toList();
                draws.add(rmse(model, cut, t, CAP));
                drawsUncapped.add(rmse(model, cut, t, Integer.MAX_VALUE));
                if (seed == 0) {
                    truth.addAll(t);
                }
            }
            if ("bootstrap".equals(args.get("model"))) {
                RulModelSettings defaults = new Binder(ConfigurationPropertySources.get(new MockEnvironment()))
                        .bindOrCreate("stratum.rul-model", RulModelSettings.class);
                RulTrainer.Result b = RulPredictor.bootstrap(defaults);
                List<Double> bootDraws = new ArrayList<>();
                for (int seed = 0; seed < 10; seed++) {
                    List<EngineHistory> cut = cut(validation, new Random(seed));
                    bootDraws.add(rmse(b.model(), cut,
                            cut.stream().map(e -> (double) (e.failedAfter() - e.cycles().size())).toList(), CAP));
                }
                bootstrapRmse = bootDraws.get(0);
                bootstrapMean = bootDraws.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
                json.put("bootstrap", Map.of("rmseCapped125", bootstrapRmse, "rmseMeanCutSeeds",
                        Math.round(bootstrapMean * 100) / 100.0, "perCutSeed", bootDraws,
                        "generatedHoldout", b.metrics()));
            }
            predict = cut(validation, new Random(0));
            split = "seeded 30 % of the engines of train_FD001.txt (" + nVal + "), cut at a random cycle";
        }
        if (args.containsKey("out")) {
            try (BufferedWriter w = Files.newBufferedWriter(BenchArgs.path(args.get("out")))) {
                w.write("unit,rul\n");
                for (EngineHistory e : predict) {
                    w.write(String.format(Locale.ROOT, "%s,%.2f%n", e.unit(), model.predict(e)));
                }
            }
        }
        Double rmse = truth.isEmpty() ? null : rmse(model, predict, truth, CAP);
        Double rmseUncapped = truth.isEmpty() ? null : rmse(model, predict, truth, Integer.MAX_VALUE);
        double mean = draws.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
        double meanUncapped = drawsUncapped.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
        json.put("split", split);
        json.put("engines", predict.size());
        json.put("rmseCapped125", rmse);
        json.put("rmseUncapped", rmseUncapped);
        json.put("rmseCapped125PerCutSeed", draws);
        json.put("rmseUncappedPerCutSeed", drawsUncapped);
        json.put("trainSeconds", trainSeconds);
        json.put("epochs", epochs);

        System.out.println();
        System.out.println("C-MAPSS FD001 remaining useful life, " + split);
        System.out.printf(Locale.ROOT, "%-34s %10s %10s%n", "", "RMSE (cap 125)", "uncapped");
        System.out.printf(Locale.ROOT, "%-34s %10s %10s%n", "last cycle, cut seed 0", fmt(rmse), fmt(rmseUncapped));
        if (!draws.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-34s %10s %10s%n", "mean over cut seeds 0-9", fmt(mean),
                    fmt(meanUncapped));
            System.out.printf(Locale.ROOT, "%-34s %10s%n", "range over cut seeds",
                    fmt(Collections.min(draws)) + "-" + fmt(Collections.max(draws)));
        }
        if (bootstrapRmse != null) {
            System.out.printf(Locale.ROOT, "%-34s %10s%n", "bootstrap (generated data), seed 0", fmt(bootstrapRmse));
            System.out.printf(Locale.ROOT, "%-34s %10s%n", "bootstrap, mean over cut seeds", fmt(bootstrapMean));
        }
        System.out.printf(Locale.ROOT, "training %.1f s, %d epochs (shared 2-core machine: times are noisy)%n",
                trainSeconds, epochs);
        System.out.println("References (FD001 test set, not this split): LSTM 14.93, DCNN 12.61; goal <= 12.5.");
        Path out = Path.of(System.getProperty("bench.cwd", "."), "target", "bench", "rul.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, io.stratum.ServerCalls.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.printf(Locale.ROOT, "RESULT rul rmse=%s rmse_mean_cuts=%s rmse_uncapped=%s engines=%d%s%n",
                fmt(rmse), fmt(mean), fmt(rmseUncapped), predict.size(), bootstrapRmse == null ? ""
                        : " bootstrap_rmse=" + fmt(bootstrapRmse) + " bootstrap_rmse_mean_cuts=" + fmt(bootstrapMean));
    }

    /** Each engine observed until a random cycle between 31 and its last but one. */
    private static List<EngineHistory> cut(List<EngineHistory> engines, Random random) {
        List<EngineHistory> cut = new ArrayList<>();
        for (EngineHistory e : engines) {
            int n = e.cycles().size();
            int lo = Math.min(31, n - 1);
            cut.add(e.truncated(lo + random.nextInt(Math.max(1, n - lo))));
        }
        return cut;
    }

    private static double rmse(RulModel model, List<EngineHistory> engines, List<Double> truth, int cap) {
        double sum = 0;
        for (int i = 0; i < engines.size(); i++) {
            double err = model.predict(engines.get(i)) - Math.min(truth.get(i), cap);
            sum += err * err;
        }
        return Math.round(Math.sqrt(sum / engines.size()) * 100) / 100.0;
    }

    private static String fmt(Double d) {
        return d == null || d.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }
}
