package io.stratum.insight;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Operations dashboard settings ({@code stratum.insight.*}).
 *
 * @param refreshInterval how often the dashboard page reloads its numbers
 * @param defaultWindow   time window shown when the caller names none
 * @param maxWindow       longest window a caller may ask for (bounds the history read)
 * @param maxRows         history rows read per query at most (the newest); above it the figures are a sample
 * @param samplePerBucket instances per time bucket whose cycle times make the bucket's percentiles
 * @param modelReportTtl  how long a model's monitoring report (which replays the champion) is reused
 * @param driftWatchPsi   confidence PSI from which a model is flagged "watch"
 * @param driftAlertPsi   confidence PSI from which a model is flagged "drift"
 * @param minDriftItems   fewer recent reviewed items than this: PSI is not judged ("insufficient-data")
 */
@Validated
@ConfigurationProperties("stratum.insight")
public record InsightSettings(@NotNull Duration refreshInterval,
                              @NotNull Duration defaultWindow,
                              @NotNull Duration maxWindow,
                              @Min(10) @Max(100_000) int maxRows,
                              @Min(10) @Max(10_000) int samplePerBucket,
                              @NotNull Duration modelReportTtl,
                              @DecimalMin("0.0") double driftWatchPsi,
                              @DecimalMin("0.0") double driftAlertPsi,
                              @Min(1) int minDriftItems) {
}
