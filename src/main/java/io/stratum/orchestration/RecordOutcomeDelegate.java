package io.stratum.orchestration;

import io.stratum.action.dispatch.WorkOrders;
import io.stratum.intelligence.maintenance.FailurePredictor;
import io.stratum.learning.FailureFeedback;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * The technician's report becomes a labelled example for the failure model: input = the riskiest reading and
 * product type, predicted = the model's likely mode (or "failure"), corrected = the reported mode, or "none" when no
 * fault was found. Decision id {@code failure:<case>}, so a retried job records once. Closes the work order.
 */
@Component
public class RecordOutcomeDelegate implements JavaDelegate {

    static final String NONE = FailureFeedback.NONE;

    private final RetrainingStore store;
    private final WorkOrders workOrders;

    public RecordOutcomeDelegate(RetrainingStore store, WorkOrders workOrders) {
        this.store = store;
        this.workOrders = workOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean fault = Boolean.TRUE.equals(execution.getVariable(FAULT_FOUND));
        Object reported = execution.getVariable(REPORTED_MODE);
        String corrected = !fault ? NONE
                : reported == null || reported.toString().isBlank() || NONE.equals(reported) ? "failure"
                : reported.toString();
        Object mode = execution.getVariable(FAILURE_MODE);
        String predicted = mode == null ? "failure" : mode.toString();
        String pid = execution.getProcessInstanceId();
        String input = FailureFeedback.input(execution.getVariable(PRODUCT_TYPE), execution.getVariable(READING));
        Object actor = execution.getVariable(CONFIRMED_BY);
        Object version = execution.getVariable(MODEL_VERSION);
        store.record(new Feedback(java.util.UUID.randomUUID().toString(), FailurePredictor.MODEL,
                version instanceof Number n ? n.intValue() : 1, input, predicted, corrected,
                actor == null ? "technician" : actor.toString(), (String) execution.getVariable(OUTCOME_NOTE),
                ClockUtil.now().toInstant(), PredictiveMaintenanceProcess.KEY + "/"
                + PredictiveMaintenanceProcess.Element.REPORT_VISIT_OUTCOME, "failure:" + pid, pid));
        workOrders.complete(pid, corrected + (execution.getVariable(OUTCOME_NOTE) == null ? ""
                : ": " + execution.getVariable(OUTCOME_NOTE)));
    }
}
