package io.stratum.learning;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the learning layer ({@code stratum.learning.*}).
 *
 * @param margin               a challenger must beat the champion's hold-out accuracy by at least this much
 * @param segmentTolerance     and may be at most this much worse than the champion in any segment
 * @param minSegmentSize       segments with fewer hold-out items are reported but not checked (too noisy)
 * @param holdoutShare         newest share of the feedback kept aside to evaluate champion and challenger on
 * @param minFeedback          fewer feedback records than this: no retraining (the hold-out would say nothing)
 * @param feedbackWeight       each feedback example counts this many times in training (oversampling): it is
 *                             real and recent, the bootstrap data is generated
 * @param retrainAfterFeedback start a retraining when a model has this many feedback records since its champion
 *                             was promoted (0 = off)
 * @param schedule             Spring cron for scheduled retraining of {@code scheduledModels} ("-" = off)
 * @param scheduledModels      models retrained by the schedule and the feedback-count trigger
 * @param targetPrecision      precision automated decisions should reach; calibration derives the threshold for it
 * @param calibrateThreshold   put the derived threshold in force (after each promotion and rollback, or on request)
 * @param calibrationMinItems  with fewer unseen feedback items a derived threshold may only raise the configured one
 * @param thresholdFloor       a derived threshold is never put in force below this
 * @param monitoringRefresh    how often the monitoring figures behind the metrics are recomputed
 * @param spotCheckRate        share of confident AI decisions sent to a person anyway, so calibration also sees how
 *                             right the automated ones are (0 = off)
 * @param calibrationBound     standard errors by which the estimated precision must still reach the target
 *                             (0 = the point estimate; see {@link Calibration#window})
 * @param calibrationMargin    calibration aims this much above the target precision, on top of the bound
 * @param calibrationPrior     weight, in labelled items, of calibration's prior that a version's confidence is honest
 *                             (see {@link Calibration#window})
 */
@Validated
@ConfigurationProperties("stratum.learning")
public record LearningSettings(@DecimalMin("0.0") @DecimalMax("1.0") double margin,
                               @DecimalMin("0.0") @DecimalMax("1.0") double segmentTolerance,
                               @Min(1) int minSegmentSize,
                               @DecimalMin("0.05") @DecimalMax("0.5") double holdoutShare,
                               @Min(2) int minFeedback,
                               @Min(1) int feedbackWeight,
                               @Min(0) int retrainAfterFeedback,
                               @NotNull String schedule,
                               @NotNull List<String> scheduledModels,
                               @DecimalMin("0.5") @DecimalMax("1.0") double targetPrecision,
                               boolean calibrateThreshold,
                               @Min(1) int calibrationMinItems,
                               @DecimalMin("0.0") @DecimalMax("1.0") double thresholdFloor,
                               @NotNull Duration monitoringRefresh,
                               @DecimalMin("0.0") @DecimalMax("0.5") double spotCheckRate,
                               @DecimalMin("0.0") @DecimalMax("3.0") double calibrationBound,
                               @DecimalMin("0.0") @DecimalMax("0.1") double calibrationMargin,
                               @DecimalMin("0.001") double calibrationPrior) {

    /**
     * How many decisions a feedback record stands for in calibration: a spot check of a confident decision, sampled at
     * {@link #spotCheckRate}, stands for all the automated ones it was drawn from.
     */
    public double weight(Feedback feedback) {
        return feedback.spotCheck() && spotCheckRate > 0 ? 1 / spotCheckRate : 1;
    }
}
