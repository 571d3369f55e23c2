package io.stratum.intelligence.maintenance;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the remaining-useful-life model ({@code stratum.rul-model.*}).
 *
 * @param bootstrapEngines generated run-to-failure engines the bootstrap model learns from on first use
 * @param hidden           units per hidden layer
 * @param epochs           training passes
 * @param cap              remaining lives above this many cycles count as "healthy" (piece-wise linear target)
 * @param maxHistory       newest sensor readings of an asset that make up its history for a forecast
 * @param minHistory       sensor readings an asset needs before it gets a forecast
 */
@Validated
@ConfigurationProperties("stratum.rul-model")
public record RulModelSettings(@Min(10) @DefaultValue("100") int bootstrapEngines,
                               @Min(4) @DefaultValue("32") int hidden,
                               @Min(1) @DefaultValue("30") int epochs,
                               @Min(8) @DefaultValue("256") int batchSize,
                               @DecimalMin("0.0001") @DefaultValue("0.003") double learningRate,
                               @Min(10) @DefaultValue("125") int cap,
                               @DefaultValue("7") long seed,
                               @Min(10) @DefaultValue("500") int maxHistory,
                               @Min(1) @DefaultValue("10") int minHistory) {

    public RulTrainer.Config trainerConfig() {
        return new RulTrainer.Config(hidden, epochs, batchSize, learningRate, cap, 0.1, seed);
    }
}
