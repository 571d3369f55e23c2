package io.stratum.orchestration;

import io.stratum.action.dispatch.Technicians;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * On completion of {@code ConfirmVisit}: checks the dispatcher's technician and time (an unknown technician or an
 * unreadable time fails the completion with a message naming the field) and records the dispatcher's final word
 * against the planner's proposal as feedback ({@code visit-plan}, decision id {@code visit-plan:<case>}).
 */
@Component
public class ConfirmVisitListener implements TaskListener {

    private final Technicians technicians;
    private final RetrainingStore store;

    public ConfirmVisitListener(Technicians technicians, RetrainingStore store) {
        this.technicians = technicians;
        this.store = store;
    }

    @Override
    public void notify(DelegateTask task) {
        String technicianId = (String) task.getVariable(TECHNICIAN_ID);
        String start = (String) task.getVariable(VISIT_START);
        if (technicianId == null || technicians.find(technicianId.strip()).isEmpty()) {
            throw new IllegalArgumentException("technicianId: unknown technician '" + technicianId + "'");
        }
        try {
            Instant.parse(start.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("visitStart: an ISO-8601 instant such as 2026-03-02T09:00:00Z, got '"
                    + start + "'");
        }
        task.setVariable(TECHNICIAN_ID, technicianId.strip());
        task.setVariable(VISIT_START, start.strip());
        String actor = task.getAssignee() != null ? task.getAssignee() : "unknown";
        task.setVariable(CONFIRMED_BY, actor);
        String proposed = task.getVariable(PROPOSED_TECHNICIAN_ID) == null ? null
                : task.getVariable(PROPOSED_TECHNICIAN_ID) + "@" + task.getVariable(PROPOSED_VISIT_START);
        String decided = technicianId.strip() + "@" + start.strip();
        String pid = task.getProcessInstanceId();
        store.record(new Feedback(java.util.UUID.randomUUID().toString(), PredictiveMaintenanceProcess.VISIT_PLAN_MODEL,
                0, "asset=" + task.getVariable(ASSET_ID) + ";skill=" + task.getVariable(REQUIRED_SKILL) + ";critical="
                + task.getVariable(CRITICAL), proposed, decided, actor, (String) task.getVariable(PLAN_NOTE),
                ClockUtil.now().toInstant(), PredictiveMaintenanceProcess.KEY + "/" + task.getTaskDefinitionKey(),
                "visit-plan:" + pid, pid));
    }
}
