package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * Judges the case from its riskiest reading so far and the asset's criticality: {@code critical} when the failure
 * probability reaches the critical threshold, or reaches the risk threshold on a HIGH-criticality asset. Sets the
 * confirmation deadline ({@code confirmWithin}, ISO duration for the escalation timer) and the visit deadline. When
 * the asset sends cycle sensors, the remaining-life forecast ({@code remainingLifeCycles}, {@code forecastFailureAt})
 * brings the visit deadline forward to the forecast failure, and a failure forecast within the critical deadline makes
 * the case critical.
 */
@Component
public class AssessRiskDelegate implements JavaDelegate {

    private final MaintenanceSettings settings;
    private final RemainingLifeForecast remainingLife;

    public AssessRiskDelegate(MaintenanceSettings settings, RemainingLifeForecast remainingLife) {
        this.settings = settings;
        this.remainingLife = remainingLife;
    }

    @Override
    public void execute(DelegateExecution execution) {
        double p = ((Number) execution.getVariable(MAX_FAILURE_PROBABILITY)).doubleValue();
        boolean critical = p >= settings.criticalThreshold()
                || ("HIGH".equals(execution.getVariable(CRITICALITY)) && p >= settings.riskThreshold());
        Instant now = ClockUtil.now().toInstant();
        Optional<RemainingLifeForecast.Forecast> forecast =
                remainingLife.forecast((String) execution.getVariable(ASSET_ID));
        if (forecast.isPresent()) {
            critical |= forecast.get().failureAt().isBefore(now.plus(settings.criticalDeadline()));
            execution.setVariable(REMAINING_LIFE_CYCLES, forecast.get().remainingCycles());
            execution.setVariable(FORECAST_FAILURE_AT, forecast.get().failureAt().toString());
        }
        Instant deadline = now.plus(critical ? settings.criticalDeadline() : settings.deadline());
        if (forecast.isPresent() && forecast.get().failureAt().isBefore(deadline)) {
            deadline = forecast.get().failureAt().isAfter(now) ? forecast.get().failureAt() : now;
        }
        execution.setVariable(CRITICAL, critical);
        execution.setVariable(CONFIRM_WITHIN,
                (critical ? settings.criticalConfirmWithin() : settings.confirmWithin()).toString());
        execution.setVariable(VISIT_DEADLINE, deadline.toString());
    }
}
