package io.stratum.action.dispatch;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Plans technician visits with Timefold Solver: each new visit gets a technician and a start hour; visits already
 * booked are pinned. Bounded search time ({@code stratum.dispatch.solve-time}, stops earlier once it stops
 * improving); the plan says whether every hard constraint holds.
 */
@Service
public class VisitPlanner {

    /** A visit to plan: where, which skill, by when it should be done. */
    public record VisitRequest(String id, double lat, double lon, String skill, Instant deadline) {
    }

    /** A visit already booked (it keeps its technician and time). */
    public record Booked(String id, double lat, double lon, String technicianId, Instant start) {
    }

    /** One planned visit. */
    public record Assignment(String visitId, String technicianId, Instant start, Instant end, long travelKm,
                             boolean late) {
    }

    /** @param feasible every hard constraint holds (skills, availability, no double booking) */
    public record Plan(List<Assignment> assignments, boolean feasible, long hardScore, long softScore,
                       long solveMillis) {
    }

    private final DispatchSettings settings;

    public VisitPlanner(DispatchSettings settings) {
        this.settings = settings;
    }

    public Plan plan(List<VisitRequest> requests, List<Booked> booked, List<Technician> technicians, Instant now) {
        if (technicians.isEmpty()) {
            return new Plan(List.of(), false, -requests.size(), 0, 0);
        }
        Instant origin = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        int startHour = origin.atZone(ZoneOffset.UTC).getHour();
        int hours = settings.visitHours();
        Map<String, Technician> byId = technicians.stream()
                .collect(Collectors.toMap(Technician::id, Function.identity()));
        List<PlannedVisit> visits = new ArrayList<>();
        for (Booked b : booked) {
            Technician t = byId.get(b.technicianId());
            long slot = Duration.between(origin, b.start()).toHours();
            if (t != null && slot > -hours && slot < settings.horizonHours()) {
                visits.add(PlannedVisit.pinned(b.id(), b.lat(), b.lon(), t, (int) slot, hours));
            }
        }
        for (VisitRequest r : requests) {
            long deadline = Math.max(0, Duration.between(origin, r.deadline()).toHours());
            visits.add(new PlannedVisit(r.id(), r.lat(), r.lon(), r.skill(),
                    (int) Math.min(Integer.MAX_VALUE, deadline), hours, startHour, settings.lateWeight()));
        }
        List<Integer> slots = IntStream.rangeClosed(0, settings.horizonHours() - hours).boxed().toList();
        SolverConfig config = new SolverConfig()
                .withSolutionClass(DispatchPlan.class)
                .withEntityClasses(PlannedVisit.class)
                .withConstraintProviderClass(DispatchConstraints.class)
                // Construction always completes (every visit gets a value); only the improvement is time-bounded.
                .withPhases(new ConstructionHeuristicPhaseConfig(), new LocalSearchPhaseConfig()
                        .withTerminationConfig(new TerminationConfig()
                                .withSpentLimit(settings.solveTime())
                                .withUnimprovedSpentLimit(settings.unimprovedTime())));
        Solver<DispatchPlan> solver = SolverFactory.<DispatchPlan>create(config).buildSolver();
        long started = System.nanoTime();
        DispatchPlan solved = solver.solve(new DispatchPlan(startHour, technicians, slots, visits));
        long millis = (System.nanoTime() - started) / 1_000_000;
        HardSoftLongScore score = solved.getScore();
        boolean complete = solved.getVisits().stream().allMatch(v -> v.getTechnician() != null && v.getSlot() != null);
        List<Assignment> assignments = solved.getVisits().stream()
                .filter(v -> !v.isPinned() && v.getTechnician() != null && v.getSlot() != null)
                .map(v -> new Assignment(v.getId(), v.getTechnician().id(), origin.plus(Duration.ofHours(v.getSlot())),
                        origin.plus(Duration.ofHours(v.getSlot() + v.getHours())), v.travelKm(),
                        v.getSlot() + v.getHours() > v.getDeadlineSlot()))
                .toList();
        return new Plan(assignments, complete && score.isFeasible(), score.hardScore(), score.softScore(), millis);
    }
}
