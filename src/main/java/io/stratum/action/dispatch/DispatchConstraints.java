package io.stratum.action.dispatch;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * Hard: the technician has the skill, is available and works at that hour; a technician does one visit at a time.
 * Soft: travel distance (km), hours late after the urgency deadline (weighted), waiting before the visit (earlier
 * is better), and balanced workload (squared visits per technician).
 */
public class DispatchConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                factory.forEach(PlannedVisit.class)
                        .filter(v -> !v.isPinned() && !v.getTechnician().canDo(v.getSkill()))
                        .penalize(HardSoftLongScore.ONE_HARD).asConstraint("skill"),
                factory.forEach(PlannedVisit.class)
                        .filter(v -> !v.isPinned()
                                && !v.getTechnician().works(v.hourOfDay(), v.getHours()))
                        .penalize(HardSoftLongScore.ONE_HARD).asConstraint("availability"),
                factory.forEachUniquePair(PlannedVisit.class, Joiners.equal(PlannedVisit::getTechnician))
                        .filter(PlannedVisit::overlaps)
                        .penalize(HardSoftLongScore.ONE_HARD).asConstraint("one visit at a time"),
                factory.forEach(PlannedVisit.class).filter(v -> !v.isPinned())
                        .penalizeLong(HardSoftLongScore.ONE_SOFT, PlannedVisit::travelKm)
                        .asConstraint("travel distance"),
                factory.forEach(PlannedVisit.class)
                        .filter(v -> !v.isPinned() && v.getSlot() + v.getHours() > v.getDeadlineSlot())
                        .penalizeLong(HardSoftLongScore.ONE_SOFT,
                                v -> (long) v.getLateWeight() * (v.getSlot() + v.getHours() - v.getDeadlineSlot()))
                        .asConstraint("urgency deadline"),
                factory.forEach(PlannedVisit.class).filter(v -> !v.isPinned())
                        .penalizeLong(HardSoftLongScore.ONE_SOFT, v -> v.getSlot().longValue())
                        .asConstraint("earlier is better"),
                factory.forEach(PlannedVisit.class)
                        .groupBy(PlannedVisit::getTechnician, ConstraintCollectors.count())
                        .penalizeLong(HardSoftLongScore.ONE_SOFT, (t, n) -> 10L * n * n)
                        .asConstraint("workload balance")
        };
    }
}
