package io.stratum.intelligence.maintenance;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the maintenance models ({@code stratum.failure-model.*}).
 *
 * @param bootstrapExamples generated machine readings the bootstrap failure model learns from
 * @param hidden            units per hidden layer
 * @param anomalyAlpha      weight of a new reading in an asset's baseline
 * @param anomalyWarmUp     readings of an asset before it gets anomaly scores
 */
@Validated
@ConfigurationProperties("stratum.failure-model")
public record FailureModelSettings(@Min(500) @DefaultValue("20000") int bootstrapExamples,
                                   @Min(4) @DefaultValue("32") int hidden,
                                   @Min(1) @DefaultValue("30") int epochs,
                                   @Min(8) @DefaultValue("128") int batchSize,
                                   @DecimalMin("0.0001") @DefaultValue("0.005") double learningRate,
                                   @DefaultValue("42") long seed,
                                   @DecimalMin("0.0001") @DecimalMax("0.5") @DefaultValue("0.02") double anomalyAlpha,
                                   @Min(2) @DefaultValue("20") int anomalyWarmUp) {

    public FailureTrainer.Config trainerConfig() {
        return new FailureTrainer.Config(hidden, epochs, batchSize, learningRate, 0.15, seed);
    }
}
