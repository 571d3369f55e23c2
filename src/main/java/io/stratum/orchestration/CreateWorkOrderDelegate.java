package io.stratum.orchestration;

import io.stratum.action.dispatch.DispatchSettings;
import io.stratum.action.dispatch.WorkOrder;
import io.stratum.action.dispatch.WorkOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/** Books the confirmed visit as a work order, one per case (a retried job gets the same order). */
@Component
public class CreateWorkOrderDelegate implements JavaDelegate {

    private final WorkOrders workOrders;
    private final DispatchSettings dispatch;

    public CreateWorkOrderDelegate(WorkOrders workOrders, DispatchSettings dispatch) {
        this.workOrders = workOrders;
        this.dispatch = dispatch;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant start = Instant.parse((String) execution.getVariable(VISIT_START));
        WorkOrder order = workOrders.open(execution.getProcessInstanceId(), (String) execution.getVariable(ASSET_ID),
                (String) execution.getVariable(TECHNICIAN_ID), start,
                start.plus(Duration.ofHours(dispatch.visitHours())), (String) execution.getVariable(FAILURE_MODE));
        execution.setVariable(WORK_ORDER_ID, order.id());
    }
}
