package io.stratum.orchestration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the predictive-maintenance process ({@code stratum.maintenance.*}).
 *
 * @param riskThreshold         failure probability from which a reading opens (or updates) its asset's case
 * @param criticalThreshold     failure probability from which a case is critical
 * @param anomalyThreshold      anomaly score (RMS z-score) from which a reading counts as at risk on its own
 * @param criticalConfirmWithin a critical visit not confirmed within this is escalated
 * @param confirmWithin         the same for the other cases
 * @param criticalDeadline      a critical visit should be done within this
 * @param deadline              the other visits within this
 * @param dispatcherAddress     who is mailed when a confirmation is overdue
 */
@Validated
@ConfigurationProperties("stratum.maintenance")
public record MaintenanceSettings(@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double riskThreshold,
                                  @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.8") double criticalThreshold,
                                  @DecimalMin("0.0") @DefaultValue("8.0") double anomalyThreshold,
                                  @NotNull @DefaultValue("PT2H") Duration criticalConfirmWithin,
                                  @NotNull @DefaultValue("P1D") Duration confirmWithin,
                                  @NotNull @DefaultValue("PT24H") Duration criticalDeadline,
                                  @NotNull @DefaultValue("P5D") Duration deadline,
                                  @NotNull @Email @DefaultValue("dispatch-leads@stratum.local")
                                  String dispatcherAddress) {
}
