package io.stratum.intelligence;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/**
 * Settings of the generic "Predict" component ({@code stratum.predict.*}).
 *
 * @param thresholds per tabular model: the confidence at or above which its decision counts as confident
 */
@Validated
@ConfigurationProperties("stratum.predict")
public record PredictSettings(@NotNull @DefaultValue Map<String, Double> thresholds) {
}
