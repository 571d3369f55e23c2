package io.stratum.action.dispatch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Settings of technician dispatch ({@code stratum.dispatch.*}).
 *
 * @param solveTime        how long the planner searches (it stops earlier when it stops improving)
 * @param unimprovedTime   the planner stops after this long without a better plan
 * @param horizonHours     visits are planned in whole hours from the next full hour up to this far ahead
 * @param visitHours       length of a visit
 * @param lateWeight       soft penalty per hour a visit ends after its urgency deadline
 * @param demoTechnicians  load the demo technicians when the table is empty
 * @param maxImportSize    largest technician CSV accepted by one import request (413 above)
 */
@Validated
@ConfigurationProperties("stratum.dispatch")
public record DispatchSettings(@NotNull @DefaultValue("PT2S") Duration solveTime,
                               @NotNull @DefaultValue("PT0.5S") Duration unimprovedTime,
                               @Min(1) @Max(24 * 28) @DefaultValue("120") int horizonHours,
                               @Min(1) @Max(12) @DefaultValue("2") int visitHours,
                               @Min(0) @DefaultValue("200") int lateWeight,
                               @DefaultValue("true") boolean demoTechnicians,
                               @NotNull @DefaultValue("1MB") DataSize maxImportSize) {
}
