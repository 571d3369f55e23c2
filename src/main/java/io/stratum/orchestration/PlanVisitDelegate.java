package io.stratum.orchestration;

import io.stratum.action.dispatch.Technician;
import io.stratum.action.dispatch.Technicians;
import io.stratum.action.dispatch.VisitPlanner;
import io.stratum.action.dispatch.WorkOrder;
import io.stratum.action.dispatch.WorkOrders;
import io.stratum.ingestion.telemetry.Asset;
import io.stratum.ingestion.telemetry.Assets;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * Plans the visit with the Timefold planner around the visits already booked. Writes the proposal
 * ({@code proposedTechnicianId}, {@code proposedVisitStart}) and the same as working values for the dispatcher to
 * confirm or change. No plan that keeps every hard constraint (nobody with the skill is available) raises the BPMN
 * error {@code NoFeasiblePlan}, with the reason in {@code planNote}, so a dispatcher plans by hand.
 */
@Component
public class PlanVisitDelegate implements JavaDelegate {

    private final VisitPlanner planner;
    private final Technicians technicians;
    private final WorkOrders workOrders;
    private final Assets assets;

    public PlanVisitDelegate(VisitPlanner planner, Technicians technicians, WorkOrders workOrders, Assets assets) {
        this.planner = planner;
        this.technicians = technicians;
        this.workOrders = workOrders;
        this.assets = assets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = ClockUtil.now().toInstant();
        String skill = (String) execution.getVariable(REQUIRED_SKILL);
        VisitPlanner.VisitRequest request = new VisitPlanner.VisitRequest(execution.getProcessInstanceId(),
                ((Number) execution.getVariable(LAT)).doubleValue(), ((Number) execution.getVariable(LON)).doubleValue(),
                skill, Instant.parse((String) execution.getVariable(VISIT_DEADLINE)));
        List<VisitPlanner.Booked> booked = new ArrayList<>();
        for (WorkOrder wo : workOrders.scheduledAfter(now)) {
            Asset a = assets.find(wo.assetId()).orElse(null);
            if (a != null && !wo.caseId().equals(execution.getProcessInstanceId())) {
                booked.add(new VisitPlanner.Booked(wo.id(), a.lat(), a.lon(), wo.technicianId(), wo.visitStart()));
            }
        }
        List<Technician> all = technicians.all();
        VisitPlanner.Plan plan = planner.plan(List.of(request), booked, all, now);
        if (!plan.feasible() || plan.assignments().isEmpty()) {
            long skilled = all.stream().filter(t -> t.available() && t.canDo(skill)).count();
            String note = "No feasible plan: " + skilled + " available technician(s) with skill '" + skill
                    + "' within the planning horizon; plan the visit by hand.";
            execution.setVariable(PLAN_NOTE, note);
            throw new BpmnError(PredictiveMaintenanceProcess.NO_FEASIBLE_PLAN, note);
        }
        VisitPlanner.Assignment a = plan.assignments().get(0);
        execution.setVariable(PROPOSED_TECHNICIAN_ID, a.technicianId());
        execution.setVariable(PROPOSED_VISIT_START, a.start().toString());
        execution.setVariable(TECHNICIAN_ID, a.technicianId());
        execution.setVariable(VISIT_START, a.start().toString());
        execution.setVariable(TRAVEL_KM, a.travelKm());
        execution.setVariable(PLAN_NOTE, "Planned by Timefold: " + a.travelKm() + " km travel"
                + (a.late() ? ", after the urgency deadline" : "") + ", score " + plan.hardScore() + "hard/"
                + plan.softScore() + "soft.");
    }
}
