package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * Another reading at risk for an asset whose case is open: counts it and keeps the highest failure probability
 * (the correlation already set the latest reading's variables).
 */
@Component
public class UpdateCaseDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        double latest = ((Number) execution.getVariable(FAILURE_PROBABILITY)).doubleValue();
        Object max = execution.getVariable(MAX_FAILURE_PROBABILITY);
        execution.setVariable(MAX_FAILURE_PROBABILITY,
                max instanceof Number m ? Math.max(m.doubleValue(), latest) : latest);
        Object reports = execution.getVariable(RISK_REPORTS);
        execution.setVariable(RISK_REPORTS, reports instanceof Number n ? n.intValue() + 1 : 1);
    }
}
