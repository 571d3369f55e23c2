package io.stratum.bench;

import io.stratum.intelligence.maintenance.Ai4iCsv;
import io.stratum.intelligence.maintenance.FailureModel;
import io.stratum.intelligence.maintenance.FailurePrediction;
import io.stratum.intelligence.maintenance.FailureTrainer;
import io.stratum.intelligence.maintenance.MachineDataGenerator;
import io.stratum.intelligence.maintenance.MachineSample;
import org.junit.jupiter.api.Test;

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
 * Failure prediction on AI4I 2020 ({@code Machine failure}; the mode columns are never inputs, only training targets
 * of the network trained on AI4I). Without {@code --train}/{@code --predict}: a seeded 30 % validation split of
 * {@code ../shared/datasets/ai4i2020/ai4i2020-train.csv}, the other 70 % for training. Two models: the shipped
 * bootstrap model (generated data only, exactly as the server trains it) and the same network trained on the AI4I
 * rows. {@code --out} writes {@code UDI,probability,predicted} for the prediction rows from {@code --model}
 * ({@code bootstrap}, the default, or {@code trained}).
 * <pre>./stratum bench failure [--train CSV --predict CSV] [--out CSV] [--model bootstrap|trained]
 *     [--examples 20000] [--epochs 30] [--bootstrap-only]</pre>
 */
class FailureBench {

    @Test
    void failure() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        List<Ai4iCsv.Row> train;
        List<Ai4iCsv.Row> predict;
        String split;
        if (args.containsKey("train") && args.containsKey("predict")) {
            train = Ai4iCsv.read(BenchArgs.path(args.get("train")));
            predict = Ai4iCsv.read(BenchArgs.path(args.get("predict")));
            split = args.get("train") + " -> " + args.get("predict");
        } else {
            assumeTrue(Files.exists(Ai4iCsv.TRAIN), "AI4I 2020 not found at " + Ai4iCsv.TRAIN);
            List<Ai4iCsv.Row> rows = new ArrayList<>(Ai4iCsv.read(Ai4iCsv.TRAIN));
            Collections.shuffle(rows, new Random(42));
            int nVal = (int) Math.round(rows.size() * 0.3);
            predict = rows.subList(0, nVal);
            train = rows.subList(nVal, rows.size());
            split = "seeded 30 % validation split of " + Ai4iCsv.TRAIN.getFileName();
        }
        int examples = Integer.parseInt(args.getOrDefault("examples", "20000"));
        int epochs = Integer.parseInt(args.getOrDefault("epochs", "30"));
        boolean labelled = predict.stream().anyMatch(r -> r.sample().failed());

        // The server's bootstrap: application.yaml's stratum.failure-model defaults.
        FailureTrainer.Result bootstrap = FailureTrainer.train(new MachineDataGenerator(42).generate(examples),
                new FailureTrainer.Config(32, epochs, 128, 0.005, 0.15, 42), 1);
        // --bootstrap-only: skips the comparison network trained on AI4I rows (half the bench's time).
        boolean bootstrapOnly = args.containsKey("bootstrap-only");
        FailureTrainer.Result trained = bootstrapOnly ? bootstrap
                : FailureTrainer.train(train.stream().map(Ai4iCsv.Row::sample).toList(),
                new FailureTrainer.Config(32, epochs * 3, 64, 0.005, 0.15, 42), 1);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("split", split);
        json.put("predictRows", predict.size());
        Map<String, Object> boot = evaluate(bootstrap, predict);
        Map<String, Object> real = evaluate(trained, predict);
        json.put("bootstrap", boot);
        json.put("trainedOnAi4i", real);

        if (args.containsKey("out")) {
            FailureModel model = "trained".equals(args.get("model")) ? trained.model() : bootstrap.model();
            Path out = BenchArgs.path(args.get("out"));
            try (BufferedWriter w = Files.newBufferedWriter(out)) {
                w.write("UDI,probability,predicted\n");
                for (Ai4iCsv.Row row : predict) {
                    FailurePrediction p = model.predict(row.sample());
                    w.write(String.format(Locale.ROOT, "%s,%.6f,%d%n", row.udi(), p.failureProbability(),
                            p.predictedFailure() ? 1 : 0));
                }
            }
            json.put("out", out.toString());
        }

        System.out.println();
        System.out.println("AI4I 2020 Machine failure, " + split + " (" + predict.size() + " rows)");
        System.out.printf(Locale.ROOT, "%-36s %7s %9s %7s %7s %9s %8s%n", "model", "F1", "precision", "recall",
                "thresh", "train s", "examples");
        row("bootstrap (generated data, shipped)", boot, examples);
        row("same network trained on AI4I rows", real, train.size());
        System.out.println("Reference: leak-free XGBoost F1 0.895; goal >= 0.92. Training times on a shared 2-core "
                + "machine are noisy.");
        Path json2 = Path.of(System.getProperty("bench.cwd", "."), "target", "bench", "failure.json");
        Files.createDirectories(json2.getParent());
        Files.writeString(json2, io.stratum.ServerCalls.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.printf(Locale.ROOT, "RESULT failure f1_bootstrap=%s f1_trained=%s labelled=%s rows=%d%n",
                boot.get("f1"), real.get("f1"), labelled, predict.size());
    }

    private static Map<String, Object> evaluate(FailureTrainer.Result result, List<Ai4iCsv.Row> rows) {
        double[] p = new double[rows.size()];
        boolean[] truth = new boolean[rows.size()];
        for (int i = 0; i < p.length; i++) {
            MachineSample s = rows.get(i).sample();
            p[i] = result.model().predict(s).failureProbability();
            truth[i] = s.failed();
        }
        Map<String, Object> m = new LinkedHashMap<>(FailureTrainer.binaryMetrics(p, truth, result.model().threshold()));
        m.put("threshold", result.model().threshold());
        m.put("trainSeconds", result.metrics().get("trainSeconds"));
        m.put("holdout", result.metrics());
        return m;
    }

    private static void row(String name, Map<String, Object> m, int examples) {
        System.out.printf(Locale.ROOT, "%-36s %7s %9s %7s %7s %9s %8d%n", name, m.get("f1"), m.get("precision"),
                m.get("recall"), m.get("threshold"), m.get("trainSeconds"), examples);
    }
}
