package io.stratum.learning.bias;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bias monitoring settings ({@code stratum.bias.*}).
 *
 * @param segmentKeys        process variables that name a decision's segment (customer tier, channel, later vendor
 *                           country, asset type); each key is judged on its own
 * @param disparityRatio     a segment whose rate is below this share of the best segment's rate is flagged
 *                           (0.8: the four-fifths rule)
 * @param minSampleSize      segments with fewer decisions (or reviewed items, for error rates) are reported but not
 *                           judged: a rate from a handful of items says nothing
 * @param favourableOutcomes per model, the labels that favour the person concerned (e.g. high urgency = served
 *                           sooner); their rate per segment is held to the four-fifths rule. Models without an entry
 *                           are judged on their accuracy on reviewed items only
 * @param blockPromotion     true: a challenger that fails the check on its evaluation hold-out is not offered for
 *                           promotion; false: it is offered, with the disparity in the approver's evaluation text
 */
@Validated
@ConfigurationProperties("stratum.bias")
public record BiasSettings(@NotEmpty List<String> segmentKeys,
                           @DecimalMin("0.01") @DecimalMax("1.0") double disparityRatio,
                           @Min(1) int minSampleSize,
                           Map<String, Set<String>> favourableOutcomes,
                           boolean blockPromotion) {

    public BiasSettings {
        favourableOutcomes = favourableOutcomes == null ? Map.of() : Map.copyOf(favourableOutcomes);
    }

    public Set<String> favourable(String model) {
        return favourableOutcomes.getOrDefault(model, Set.of());
    }
}
