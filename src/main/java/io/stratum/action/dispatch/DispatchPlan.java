package io.stratum.action.dispatch;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

import java.util.List;

/** Timefold planning solution: technicians and hour slots as values, visits as entities. */
@PlanningSolution
public class DispatchPlan {

    /** Hour of day (UTC) of slot 0. */
    private int startHourOfDay;
    @ProblemFactCollectionProperty
    @ValueRangeProvider(id = "technicians")
    private List<Technician> technicians;
    @ValueRangeProvider(id = "slots")
    private List<Integer> slots;
    @PlanningEntityCollectionProperty
    private List<PlannedVisit> visits;
    @PlanningScore
    private HardSoftLongScore score;

    DispatchPlan() {
    }

    DispatchPlan(int startHourOfDay, List<Technician> technicians, List<Integer> slots, List<PlannedVisit> visits) {
        this.startHourOfDay = startHourOfDay;
        this.technicians = technicians;
        this.slots = slots;
        this.visits = visits;
    }

    public int getStartHourOfDay() {
        return startHourOfDay;
    }

    public List<PlannedVisit> getVisits() {
        return visits;
    }

    public HardSoftLongScore getScore() {
        return score;
    }
}
