package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * Judges the case from its riskiest reading so far and the asset's criticality: {@code critical} when the failure
 * probability reaches the critical threshold, or reaches the risk threshold on a HIGH-criticality asset. Sets the
 * confirmation deadline ({@code confirmWithin}, ISO duration for the escalation timer) and the visit deadline.
 */
@Component
public class AssessRiskDelegate implements JavaDelegate {

    private final MaintenanceSettings settings;

    public AssessRiskDelegate(MaintenanceSettings settings) {
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        double p = ((Number) execution.getVariable(MAX_FAILURE_PROBABILITY)).doubleValue();
        boolean critical = p >= settings.criticalThreshold()
                || ("HIGH".equals(execution.getVariable(CRITICALITY)) && p >= settings.riskThreshold());
        execution.setVariable(CRITICAL, critical);
        execution.setVariable(CONFIRM_WITHIN,
                (critical ? settings.criticalConfirmWithin() : settings.confirmWithin()).toString());
        execution.setVariable(VISIT_DEADLINE, ClockUtil.now().toInstant()
                .plus(critical ? settings.criticalDeadline() : settings.deadline()).toString());
    }
}
