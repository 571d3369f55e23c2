package io.stratum.bench;

import io.stratum.action.dispatch.DispatchSettings;
import io.stratum.action.dispatch.Technician;
import io.stratum.action.dispatch.VisitPlanner;
import io.stratum.intelligence.maintenance.Ai4iCsv;
import io.stratum.intelligence.maintenance.FailureTrainer;
import io.stratum.intelligence.maintenance.MachineDataGenerator;
import io.stratum.intelligence.maintenance.MachineSample;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Predictive-maintenance benchmark on the product's own code:
 * <ul>
 *   <li>failure F1 ({@code Machine failure}) on a seeded 30 % validation split of AI4I 2020's training file, for
 *   the bootstrap model (generated data only, as shipped) and for the same network trained on the other 70 %
 *   (inputs: type and the five measurements; the failure-mode columns are only training targets, never inputs);</li>
 *   <li>the Timefold planner on 50 visits x 10 technicians (generated, seeded): time, score, feasibility.</li>
 * </ul>
 * {@code ./stratum bench maintenance [--data CSV] [--examples 20000] [--epochs 30] [--solve PT10S]}
 */
class MaintenanceBench {

    @Test
    void maintenance() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        Path data = args.containsKey("data") ? BenchArgs.path(args.get("data"))
                : findFrom(Path.of(System.getProperty("bench.cwd", ".")), "shared/datasets/ai4i2020/ai4i2020-train.csv");
        assumeTrue(Files.exists(data), "AI4I 2020 not found at " + data);
        int examples = Integer.parseInt(args.getOrDefault("examples", "20000"));
        int epochs = Integer.parseInt(args.getOrDefault("epochs", "30"));
        Duration solve = Duration.parse(args.getOrDefault("solve", "PT10S"));

        List<Ai4iCsv.Row> rows = new ArrayList<>(Ai4iCsv.read(data));
        Collections.shuffle(rows, new Random(42));
        int nVal = (int) Math.round(rows.size() * 0.3);
        List<MachineSample> validation = rows.subList(0, nVal).stream().map(Ai4iCsv.Row::sample).toList();
        List<MachineSample> train = rows.subList(nVal, rows.size()).stream().map(Ai4iCsv.Row::sample).toList();

        Map<String, Object> json = new LinkedHashMap<>();
        FailureTrainer.Result bootstrap = FailureTrainer.train(new MachineDataGenerator(42).generate(examples),
                new FailureTrainer.Config(32, epochs, 128, 0.005, 0.15, 42), 1);
        Map<String, Object> boot = evaluate(bootstrap, validation);
        FailureTrainer.Result real = FailureTrainer.train(train,
                new FailureTrainer.Config(32, epochs * 3, 64, 0.005, 0.15, 42), 1);
        Map<String, Object> onReal = evaluate(real, validation);
        json.put("failureBootstrap", boot);
        json.put("failureTrainedOnAi4i", onReal);

        Map<String, Object> plan = planBench(solve);
        json.put("planner", plan);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %8s %9s %8s %8s %10s%n", "failure model (AI4I validation)", "F1",
                "precision", "recall", "thresh", "train s");
        row("bootstrap (generated data only)", boot);
        row("trained on AI4I 70% split", onReal);
        System.out.printf(Locale.ROOT, "%nplanner 50 visits x 10 technicians: %s ms, feasible %s, score %shard/%ssoft%n",
                plan.get("solveMillis"), plan.get("feasible"), plan.get("hard"), plan.get("soft"));
        System.out.println("Figures on a shared 2-core machine are noisy; run twice if in doubt.");
        Path out = Path.of(System.getProperty("bench.cwd", "."), "target", "bench", "maintenance.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, io.stratum.ServerCalls.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.printf(Locale.ROOT, "RESULT maintenance failure_f1_bootstrap=%s failure_f1_ai4i=%s "
                        + "planner_ms=%s planner_feasible=%s planner_soft=%s%n", boot.get("f1"), onReal.get("f1"),
                plan.get("solveMillis"), plan.get("feasible"), plan.get("soft"));
    }

    private static Map<String, Object> evaluate(FailureTrainer.Result result, List<MachineSample> validation) {
        double[] p = new double[validation.size()];
        boolean[] truth = new boolean[validation.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = result.model().predict(validation.get(i)).failureProbability();
            truth[i] = validation.get(i).failed();
        }
        Map<String, Object> m = new LinkedHashMap<>(FailureTrainer.binaryMetrics(p, truth, result.model().threshold()));
        m.put("threshold", result.model().threshold());
        m.put("trainSeconds", result.metrics().get("trainSeconds"));
        m.put("validationRows", validation.size());
        return m;
    }

    private static void row(String name, Map<String, Object> m) {
        System.out.printf(Locale.ROOT, "%-34s %8s %9s %8s %8s %10s%n", name, m.get("f1"), m.get("precision"),
                m.get("recall"), m.get("threshold"), m.get("trainSeconds"));
    }

    private static Map<String, Object> planBench(Duration solve) {
        Random random = new Random(7);
        List<String> skills = List.of("spindle", "hydraulics", "electrical");
        List<Technician> technicians = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            int start = 6 + random.nextInt(4);
            technicians.add(new Technician("T" + t, "Tech " + t, "t" + t + "@example.com",
                    new HashSet<>(List.of(skills.get(t % 3), skills.get(random.nextInt(3)))),
                    47.5 + random.nextDouble() * 2, 10.5 + random.nextDouble() * 2, start, start + 9, true));
        }
        Instant now = Instant.parse("2026-03-02T06:20:00Z");
        List<VisitPlanner.VisitRequest> visits = new ArrayList<>();
        for (int v = 0; v < 50; v++) {
            visits.add(new VisitPlanner.VisitRequest("V" + v, 47.5 + random.nextDouble() * 2,
                    10.5 + random.nextDouble() * 2, skills.get(random.nextInt(3)),
                    now.plus(Duration.ofHours(24 + random.nextInt(72)))));
        }
        VisitPlanner planner = new VisitPlanner(new DispatchSettings(solve, solve, 120, 2, 200, false));
        VisitPlanner.Plan plan = planner.plan(visits, List.of(), technicians, now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("visits", 50);
        m.put("technicians", 10);
        m.put("solveLimit", solve.toString());
        m.put("solveMillis", plan.solveMillis());
        m.put("feasible", plan.feasible());
        m.put("hard", plan.hardScore());
        m.put("soft", plan.softScore());
        m.put("late", plan.assignments().stream().filter(VisitPlanner.Assignment::late).count());
        m.put("travelKm", plan.assignments().stream().mapToLong(VisitPlanner.Assignment::travelKm).sum());
        return m;
    }

    private static Path findFrom(Path cwd, String relative) {
        for (Path p = cwd.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        return cwd.resolve("..").resolve(relative);
    }
}
