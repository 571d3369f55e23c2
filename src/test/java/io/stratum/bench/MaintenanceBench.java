package io.stratum.bench;

import io.stratum.action.dispatch.DispatchSettings;
import io.stratum.action.dispatch.Technician;
import io.stratum.action.dispatch.VisitPlanner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The Timefold visit planner on 50 visits x 10 technicians (generated, seeded): time, score, feasibility. Failure
 * prediction has its own benchmark ({@link FailureBench}).
 * {@code ./stratum bench maintenance [--solve PT10S]}
 */
class MaintenanceBench {

    @Test
    void maintenance() throws Exception {
        Map<String, String> args = BenchArgs.parse(System.getProperty("bench.args", ""));
        Duration solve = Duration.parse(args.getOrDefault("solve", "PT10S"));

        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> plan = planBench(solve);
        json.put("planner", plan);

        System.out.println();
        System.out.printf(Locale.ROOT, "%nplanner 50 visits x 10 technicians: %s ms, feasible %s, score %shard/%ssoft%n",
                plan.get("solveMillis"), plan.get("feasible"), plan.get("hard"), plan.get("soft"));
        System.out.println("Figures on a shared 2-core machine are noisy; run twice if in doubt.");
        Path out = Path.of(System.getProperty("bench.cwd", "."), "target", "bench", "maintenance.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, io.stratum.ServerCalls.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.printf(Locale.ROOT, "RESULT maintenance planner_ms=%s planner_feasible=%s planner_soft=%s%n",
                plan.get("solveMillis"), plan.get("feasible"), plan.get("soft"));
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
        VisitPlanner planner = new VisitPlanner(new DispatchSettings(solve, solve, 120, 2, 200, false,
                org.springframework.util.unit.DataSize.ofMegabytes(1)));
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
}
